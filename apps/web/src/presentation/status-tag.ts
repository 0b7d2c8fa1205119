import type { MeetingDecision, MeetingStatus, MeetingType } from '@rocu/domain';

/** A GOV.UK tag: `{ text, classes }` for the `tag` filter (setup/nunjucks-filters.ts). */
export interface StatusTag {
  text: string;
  classes: string;
}

export type TagColour = 'grey' | 'blue' | 'green' | 'yellow' | 'orange' | 'red' | 'purple' | 'turquoise';

/** "AGENDA_FROZEN" -> "Agenda frozen": a code as words, for a status without a label of its own. */
export function humanise(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A status as a GOV.UK tag; unknown statuses (a newer API) still show, in grey. */
export function statusTag(
  status: string,
  colours: Readonly<Record<string, TagColour>>,
  labels: Readonly<Record<string, string>> = {},
): StatusTag {
  const colour = colours[status] ?? 'grey';
  return { text: labels[status] ?? humanise(status), classes: `govuk-tag--${colour}` };
}

export const MEETING_STATUS_COLOURS: Readonly<Record<MeetingStatus, TagColour>> = {
  SCHEDULED: 'blue',
  AGENDA_FROZEN: 'yellow',
  CLOSED: 'grey',
};

export const MEETING_TYPE_LABELS: Readonly<Record<MeetingType, string>> = {
  TTCG: 'TTCG',
  COVERT_COMMISSIONING: 'Covert commissioning',
};

export const DECISION_LABELS: Readonly<Record<MeetingDecision, string>> = {
  ADOPT_ROCU_LEAD: 'Adopt: ROCU lead',
  ADOPT_SUPPORT_ONLY: 'Adopt: support only',
  TASK_INTEL_DEVELOPMENT: 'Task intelligence development',
  DEFER: 'Defer to the next meeting',
  DECLINE_RETURN_TO_FORCE: 'Decline: return to force',
  REFER_NATIONAL: 'Refer to the NCA',
  REFER_PARTNER: 'Refer to a partner',
};

export const DECISION_COLOURS: Readonly<Record<MeetingDecision, TagColour>> = {
  ADOPT_ROCU_LEAD: 'green',
  ADOPT_SUPPORT_ONLY: 'green',
  TASK_INTEL_DEVELOPMENT: 'turquoise',
  DEFER: 'yellow',
  DECLINE_RETURN_TO_FORCE: 'orange',
  REFER_NATIONAL: 'purple',
  REFER_PARTNER: 'purple',
};

export const meetingStatusTag = (status: string): StatusTag => statusTag(status, MEETING_STATUS_COLOURS);

export const decisionTag = (decision: string): StatusTag => statusTag(decision, DECISION_COLOURS, DECISION_LABELS);

export const meetingTypeLabel = (type: string): string =>
  (MEETING_TYPE_LABELS as Readonly<Record<string, string>>)[type] ?? humanise(type);
