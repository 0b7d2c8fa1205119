import { addWorkingDays } from '../calendar/working-days';

/** How long the NCA has to answer a referral sent national (a default; UK working days). */
export const NATIONAL_RESPONSE_WORKING_DAYS = 10;

/** When the NCA's answer to a referral sent national at `referredAt` is due. */
export function nationalResponseDueAt(referredAt: Date, workingDays = NATIONAL_RESPONSE_WORKING_DAYS): Date {
  return addWorkingDays(referredAt, workingDays);
}
