import type { ErrorCode } from '../errors/domain-error';

/** An SIO lent to the referral's region by mutual aid: approved by the lending region's ROCU manager for this tasking. */
export interface SioLoan {
  requestId: string;
  referralId: string;
  officerSub: string;
  lendingRegion: string;
  borrowingRegion: string;
}

export interface SioAllocationInput {
  officer: { sub: string; name: string; region: string };
  referral: { id: string; region: string };
  /** Whether the officer declared a conflict with the referral or its subject. */
  conflicted: boolean;
  /** An approved mutual-aid loan of this officer, if the allocation relies on one. */
  loan?: SioLoan;
}

export interface SioAllocationRefusal {
  code: Extract<ErrorCode, 'CONFLICT_OF_INTEREST' | 'BUSINESS_RULE'>;
  message: string;
}

/** True when the loan lends exactly this officer, from their home region, to this referral's region for this referral. */
export function loanCovers(loan: SioLoan, input: Pick<SioAllocationInput, 'officer' | 'referral'>): boolean {
  return (
    loan.officerSub === input.officer.sub &&
    loan.lendingRegion === input.officer.region &&
    loan.borrowingRegion === input.referral.region &&
    loan.referralId === input.referral.id
  );
}

/**
 * Whether an officer may be a referral's SIO (the API's pre-check and the workflow's validator both ask):
 * never with a declared conflict, and from the referral's region unless lent to it for this tasking.
 */
export function sioAllocationRefusal(input: SioAllocationInput): SioAllocationRefusal | null {
  if (input.conflicted) {
    return {
      code: 'CONFLICT_OF_INTEREST',
      message: `${input.officer.name} has declared a conflict of interest with this referral or its subject and cannot be its SIO.`,
    };
  }
  const home = input.officer.region === input.referral.region;
  if (!home && !(input.loan && loanCovers(input.loan, input))) {
    return {
      code: 'BUSINESS_RULE',
      message:
        "The SIO must come from the referral's region, or be lent to it for this tasking by an approved mutual-aid request.",
    };
  }
  return null;
}
