import { addWorkingDays } from '../calendar/working-days';
import { DEFAULT_REMINDER_FRACTION, type StagePolicy } from '../deadlines/deadline-policy';
import { parseStage, readConfigObject } from '../deadlines/parse-deadline-policies';

/** How long the NCA has to answer a referral sent national (a default; UK working days). */
export const NATIONAL_RESPONSE_WORKING_DAYS = 10;

/**
 * The NCA's answer's deadline as a stage policy (issue 16): due in NATIONAL_RESPONSE_WORKING_DAYS, with a
 * reminder to the NCA at the usual fraction of the working time and an escalation at the deadline.
 */
export const NATIONAL_RESPONSE_POLICY: StagePolicy = {
  due: { workingDays: NATIONAL_RESPONSE_WORKING_DAYS },
  reminderFraction: DEFAULT_REMINDER_FRACTION,
};

/** When the NCA's answer to a referral sent national at `referredAt` is due. */
export function nationalResponseDueAt(referredAt: Date, workingDays = NATIONAL_RESPONSE_WORKING_DAYS): Date {
  return addWorkingDays(referredAt, workingDays);
}

/** NATIONAL_RESPONSE_POLICY_JSON: the NCA's answer's deadline as a stage policy; throws naming every problem. */
export function parseNationalResponsePolicy(json: unknown): StagePolicy {
  const errors: string[] = [];
  const value = readConfigObject(json, 'national response policy', 'an object with due and optional reminderFraction');
  const policy = parseStage(value, 'policy', errors);
  if (policy === undefined || errors.length > 0) {
    throw new Error(`Invalid national response policy: ${errors.join('; ')}`);
  }
  return policy;
}
