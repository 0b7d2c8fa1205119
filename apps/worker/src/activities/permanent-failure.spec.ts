import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '@rocu/domain';
import { UNPROJECTABLE_FAILURE } from '@rocu/contracts';
import { failFastWhenPermanent, isPermanentFailure } from './permanent-failure';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe('isPermanentFailure', () => {
  it.each(['23505', '23502', '23503', '22001', '22P02'])('treats SQLSTATE %s as permanent', (code) => {
    expect(isPermanentFailure(pgError(code))).toBe(true);
    expect(isPermanentFailure({ driverError: { code } })).toBe(true);
  });

  it('treats a domain validation error as permanent', () => {
    expect(isPermanentFailure(new DomainError('INVALID_AGENDA_ITEM', 'bad'))).toBe(true);
  });

  it.each(['40001', '40P01', '57014', '08006', 'ECONNREFUSED'])('leaves %s retryable', (code) => {
    expect(isPermanentFailure(pgError(code))).toBe(false);
  });

  it('leaves errors without a code retryable', () => {
    expect(isPermanentFailure(new Error('socket hang up'))).toBe(false);
    expect(isPermanentFailure(undefined)).toBe(false);
  });
});

describe('failFastWhenPermanent', () => {
  it('turns a permanent failure into a non-retryable UNPROJECTABLE failure', async () => {
    const failure = await failFastWhenPermanent(() => Promise.reject(pgError('23505'))).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: UNPROJECTABLE_FAILURE, nonRetryable: true, message: 'pg 23505' });
  });

  it('passes other failures and results through unchanged', async () => {
    const transient = pgError('40001');
    await expect(failFastWhenPermanent(() => Promise.reject(transient))).rejects.toBe(transient);
    await expect(failFastWhenPermanent(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
