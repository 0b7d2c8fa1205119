import { DomainError, isDomainError } from './domain-error';

describe('DomainError', () => {
  it('carries a code, a message and optional details', () => {
    const error = new DomainError('INVALID_ASSESSMENT', 'Likelihood must be 1-5', { field: 'likelihood' });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('INVALID_ASSESSMENT');
    expect(error.message).toBe('Likelihood must be 1-5');
    expect(error.details).toEqual({ field: 'likelihood' });
  });

  it('is recognised by the type guard', () => {
    expect(isDomainError(new DomainError('BUSINESS_RULE', 'x'))).toBe(true);
    expect(isDomainError(new Error('x'))).toBe(false);
  });
});
