import type { ErrorCode } from '../errors/domain-error';
import type { FieldRefusal } from '../national/national-tasking';
import type { Actor } from '../roles';

const DAY_MS = 86_400_000;

/** A meeting arranged by hand, outside the region's cadence (the API's create request). */
export interface ExtraMeetingRequest {
  region: string;
  scheduledFor: string;
  /** The paper cut-off; by default a day before the meeting, or now if that has passed. */
  papersCloseAt?: string;
}

export type ExtraMeetingPlan =
  | { ok: true; scheduledFor: Date; papersCloseAt: Date }
  | { ok: false; code: Extract<ErrorCode, 'FORBIDDEN' | 'VALIDATION'>; message: string; errors?: FieldRefusal[] };

/**
 * When an extra meeting sits and its papers close, or why it cannot be arranged: only for the arranger's own
 * region, in the future, with the papers closing no later than the meeting.
 */
export function planExtraMeeting(
  actor: Pick<Actor, 'region'>,
  request: ExtraMeetingRequest,
  now: Date,
): ExtraMeetingPlan {
  if (request.region !== actor.region) {
    return { ok: false, code: 'FORBIDDEN', message: 'Meetings can only be arranged for your own region' };
  }
  const scheduledFor = new Date(request.scheduledFor);
  const papersCloseAt = new Date(request.papersCloseAt ?? Math.max(now.getTime(), scheduledFor.getTime() - DAY_MS));
  const errors: FieldRefusal[] = [];
  if (scheduledFor.getTime() <= now.getTime()) {
    errors.push({ field: 'scheduledFor', code: 'not_in_future', message: 'scheduledFor must be in the future' });
  }
  // Only a cut-off given can be wrong: the default is never after the meeting unless the meeting is past.
  if (request.papersCloseAt !== undefined && papersCloseAt > scheduledFor) {
    errors.push({
      field: 'papersCloseAt',
      code: 'after_meeting',
      message: 'papersCloseAt must not be after scheduledFor',
    });
  }
  if (errors.length > 0) {
    return {
      ok: false,
      code: 'VALIDATION',
      message: 'The meeting must be in the future, with papers closing before it',
      errors,
    };
  }
  return { ok: true, scheduledFor, papersCloseAt };
}
