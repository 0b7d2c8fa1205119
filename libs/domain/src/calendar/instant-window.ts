const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;

/**
 * How far from now an instant may sensibly lie, by what it means (issue #13: a disruption "in 9999" or a due
 * date in 1970 is a mistake). A few minutes of clock skew are allowed on "not in the future".
 */
export const INSTANT_WINDOWS = {
  /** Something that has happened (a disruption): within the last ten years, not in the future. */
  PAST_EVENT: { earliestMs: -10 * YEAR_MS, latestMs: 5 * 60_000, meaning: 'in the last ten years, not in the future' },
  /** A target date (an action's due date): from a year ago to ten years ahead. */
  DUE_DATE: { earliestMs: -YEAR_MS, latestMs: 10 * YEAR_MS, meaning: 'between a year ago and ten years ahead' },
  /** A meeting and its paper cut-off: from a day ago to two years ahead. */
  MEETING: { earliestMs: -DAY_MS, latestMs: 2 * YEAR_MS, meaning: 'between a day ago and two years ahead' },
} as const;
export type InstantWindow = keyof typeof INSTANT_WINDOWS;

/** True when the instant (already a valid one, see isInstant) lies in the window around `now`. */
export function isWithinWindow(instant: string, window: InstantWindow, now: Date): boolean {
  const offset = new Date(instant).getTime() - now.getTime();
  const { earliestMs, latestMs } = INSTANT_WINDOWS[window];
  return offset >= earliestMs && offset <= latestMs;
}
