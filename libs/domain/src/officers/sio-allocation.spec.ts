import fc from 'fast-check';
import { SioAllocationInput, sioAllocationRefusal, SioLoan } from './sio-allocation';

const loan = (overrides: Partial<SioLoan> = {}): SioLoan => ({
  requestId: 'req-1',
  referralId: 'ref-1',
  officerSub: 'sio-emsou-1',
  lendingRegion: 'EMSOU',
  borrowingRegion: 'YHROCU',
  ...overrides,
});
const input = (overrides: Partial<SioAllocationInput> = {}): SioAllocationInput => ({
  officer: { sub: 'sio-yhrocu-1', name: 'DCI Home', region: 'YHROCU' },
  referral: { id: 'ref-1', region: 'YHROCU' },
  conflicted: false,
  ...overrides,
});
const lent = { sub: 'sio-emsou-1', name: 'DCI Lent', region: 'EMSOU' };

describe('sioAllocationRefusal', () => {
  it("accepts an SIO of the referral's region without a conflict", () => {
    expect(sioAllocationRefusal(input())).toBeNull();
  });

  it('refuses an officer who declared a conflict, even one of the region', () => {
    expect(sioAllocationRefusal(input({ conflicted: true }))).toEqual({
      code: 'CONFLICT_OF_INTEREST',
      message: 'DCI Home has declared a conflict of interest with this referral or its subject and cannot be its SIO.',
    });
  });

  it('refuses an SIO of another region without a loan', () => {
    expect(sioAllocationRefusal(input({ officer: lent }))?.code).toBe('BUSINESS_RULE');
  });

  it('accepts an SIO of another region lent to this tasking by an approved request', () => {
    expect(sioAllocationRefusal(input({ officer: lent, loan: loan() }))).toBeNull();
  });

  it('a conflict outweighs a loan', () => {
    expect(sioAllocationRefusal(input({ officer: lent, loan: loan(), conflicted: true }))?.code).toBe(
      'CONFLICT_OF_INTEREST',
    );
  });

  it.each([
    ['another officer', { officerSub: 'sio-emsou-2' }],
    ['another referral', { referralId: 'ref-2' }],
    ['another lending region', { lendingRegion: 'ERSOU' }],
    ['another borrowing region', { borrowingRegion: 'ERSOU' }],
  ])('a loan of %s covers nothing here', (_label, overrides) => {
    expect(sioAllocationRefusal(input({ officer: lent, loan: loan(overrides) }))?.code).toBe('BUSINESS_RULE');
  });

  it('an SIO from outside the region is accepted exactly when a matching loan covers them', () => {
    const region = fc.constantFrom('YHROCU', 'EMSOU', 'ERSOU');
    fc.assert(
      fc.property(region, region, region, region, fc.boolean(), (home, target, lender, borrower, sameReferral) => {
        const loaned = loan({
          lendingRegion: lender,
          borrowingRegion: borrower,
          referralId: sameReferral ? 'ref-1' : 'ref-2',
        });
        const refusal = sioAllocationRefusal(
          input({ officer: { ...lent, region: home }, referral: { id: 'ref-1', region: target }, loan: loaned }),
        );
        const covered = home === target || (lender === home && borrower === target && sameReferral);
        expect(refusal === null).toBe(covered);
      }),
    );
  });
});
