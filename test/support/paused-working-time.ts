import { workingClockStart, workingTimeBetween } from '@rocu/domain';

/**
 * The working time a pause from `asked` to `answered` gives back to a referral submitted at `submittedAt`: only what
 * passed after its working-day clock started (at 09:00 on the next working day for a weekend submission).
 */
export function pausedWorkingTime(submittedAt: Date, asked: Date, answered: Date): number {
  const clockStart = workingClockStart(submittedAt);
  return workingTimeBetween(asked > clockStart ? asked : clockStart, answered);
}
