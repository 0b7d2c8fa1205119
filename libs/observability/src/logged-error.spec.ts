import pino from 'pino';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { errorSerializers, loggedError } from './logged-error';

const SECRET = 'Operation Nightjar';

/** A failed insert as TypeORM reports it, with the driver's error as pg makes it. */
function failedInsert(): QueryFailedError {
  const driverError = Object.assign(new Error('new row violates check constraint "no_nightjar"'), {
    code: '23514',
    constraint: 'no_nightjar',
    detail: `Failing row contains (NIGHTJAR, ${SECRET}).`,
    where: `SQL statement with ${SECRET}`,
  });
  return new QueryFailedError('INSERT INTO national_priorities VALUES ($1, $2)', ['NIGHTJAR', SECRET], driverError);
}

/** A value Postgres refused, as pg reports it: the message quotes the value (SQLSTATE class 22). */
function refusedValue(): QueryFailedError {
  const driverError = Object.assign(new Error(`invalid input syntax for type uuid: "${SECRET}"`), { code: '22P02' });
  return new QueryFailedError('SELECT * FROM referrals WHERE id = $1', [SECRET], driverError);
}

/** What a pino logger with these options writes for one line. */
function logged(options: pino.LoggerOptions, fields: Record<string, unknown>): string {
  let written = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written += chunk.toString();
      done();
    },
  });
  pino(options, sink).error(fields, 'failed');
  return written;
}

describe('errors as logs show them', () => {
  it("keep a failed statement's type, message, code, constraint and query, not the values it was given", () => {
    const shown = loggedError(failedInsert()) as Record<string, unknown>;
    expect(shown).toMatchObject({
      type: 'QueryFailedError',
      code: '23514',
      constraint: 'no_nightjar',
      query: 'INSERT INTO national_priorities VALUES ($1, $2)',
    });
    expect(shown.message).toContain('no_nightjar');
    expect(JSON.stringify(shown)).not.toContain(SECRET);
  });

  it('leave the values out under `err` (our code) and `error` (the Temporal SDK), which pino alone writes', () => {
    for (const key of ['err', 'error']) {
      expect(logged({}, { [key]: failedInsert() })).toContain(SECRET);
      const line = logged({ serializers: errorSerializers }, { [key]: failedInsert() });
      expect(JSON.parse(line)[key]).toMatchObject({ type: 'QueryFailedError', code: '23514' });
      expect(line).not.toContain(SECRET);
    }
  });

  it('leave the values out of the errors an error holds: in a field, a Nest option, an aggregate', () => {
    const held = [
      Object.assign(new Error('held'), { original: failedInsert() }),
      Object.assign(new Error('Internal Server Error'), { options: { cause: failedInsert() } }),
      new AggregateError([failedInsert(), refusedValue()], 'several'),
    ];
    for (const error of held) {
      expect(logged({}, { err: error })).toContain(SECRET);
      const line = logged({ serializers: errorSerializers }, { err: error });
      expect(line).toContain('"type":');
      expect(line).not.toContain(SECRET);
    }
  });

  it("show a data exception's SQLSTATE instead of its message and stack line, which quote the value", () => {
    for (const error of [refusedValue(), new Error('lookup failed', { cause: refusedValue() })]) {
      expect(logged({}, { err: error })).toContain(SECRET);
      const line = logged({ serializers: errorSerializers }, { err: error });
      expect(line).not.toContain(SECRET);
      const { err } = JSON.parse(line) as { err: { message: string; stack: string } };
      expect(err.message).toBe('a value was refused (SQLSTATE 22P02)');
      expect(err.stack).toMatch(/^\w+: a value was refused \(SQLSTATE 22P02\)\n\s+at /);
    }
  });

  it('take an error pino has already serialized (as pino-http hands it over) and anything else as it is', () => {
    const serialized = pino.stdSerializers.err(failedInsert());
    expect(JSON.stringify(loggedError(serialized))).not.toContain(SECRET);
    expect(loggedError(serialized)).toMatchObject({ type: 'QueryFailedError' });
    expect(loggedError('a string')).toBe('a string');
    expect(loggedError(null)).toBeNull();
  });
});
