import { QueryFailedError } from 'typeorm';
import { isDependencyFailure } from './dependency-failure';

/** A pg error as the driver raises it: a message and a SQLSTATE code. */
function pgError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDependencyFailure', () => {
  it.each([
    [
      'the server refusing connections',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a connection dropped mid-query', new Error('Connection terminated unexpectedly')],
    [
      'a pooled client broken by an earlier error',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['a fast shutdown (57P01)', pgError('terminating connection due to administrator command', '57P01')],
    ['a server starting or stopping (57P03)', pgError('the database system is shutting down', '57P03')],
    ['a connection failure (08006)', pgError('connection failure', '08006')],
    ['too many connections (53300)', pgError('sorry, too many clients already', '53300')],
    ['a statement timeout (57014)', pgError('canceling statement due to statement timeout', '57014')],
    [
      "TypeORM's wrapper of a shutdown",
      new QueryFailedError('SELECT 1', [], pgError('terminating connection due to administrator command', '57P01')),
    ],
    [
      'an outage wrapped as a cause',
      new Error('query failed', { cause: pgError('the database system is starting up', '57P03') }),
    ],
    ['Temporal unreachable', new Error('14 UNAVAILABLE: No connection established')],
  ])('is true for %s', (_case, error) => {
    expect(isDependencyFailure(error)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', pgError('duplicate key value violates unique constraint', '23505')],
    [
      'a syntax error (42601)',
      new QueryFailedError('SELEC 1', [], pgError('syntax error at or near "SELEC"', '42601')),
    ],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['something not an Error', 'ECONNREFUSED'],
  ])('is false for %s', (_case, error) => {
    expect(isDependencyFailure(error)).toBe(false);
  });
});
