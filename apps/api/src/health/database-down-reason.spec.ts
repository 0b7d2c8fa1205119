import { databaseDownReason } from './database-down-reason';

const pgError = (message: string, code?: string): Error => Object.assign(new Error(message), { code });

describe('databaseDownReason', () => {
  it.each([
    [
      pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      'connection refused (Postgres is not running or not listening)',
    ],
    [pgError('the database system is shutting down', '57P03'), 'Postgres is starting up or shutting down'],
    [
      pgError('terminating connection due to administrator command', '57P01'),
      'Postgres shut down the connection (stopped or restarted)',
    ],
    [pgError('sorry, too many clients already', '53300'), 'Postgres has no free connections'],
    [pgError('timeout exceeded when trying to connect'), 'Postgres did not answer in time'],
    [pgError('Connection terminated unexpectedly'), 'the connection to Postgres was lost'],
    [pgError('something else entirely'), 'Postgres is unreachable'],
  ])('names %s', (error, reason) => {
    expect(databaseDownReason(error)).toBe(reason);
  });

  it('never repeats the error text (no host, port or SQL on a public endpoint)', () => {
    expect(databaseDownReason(pgError('connect ECONNREFUSED 10.1.2.3:6543', 'ECONNREFUSED'))).not.toMatch(/10\.1|6543/);
  });
});
