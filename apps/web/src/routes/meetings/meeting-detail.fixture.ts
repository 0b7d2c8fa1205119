import type { AgendaItem, MeetingDetail, MeetingDecisionRecord } from './meeting-api';

/** A new agenda item as the API lists it, undecided; its reference is its id in capitals. */
export const agendaItem = (referralId: string, rank: number, overrides: Partial<AgendaItem> = {}): AgendaItem => ({
  referralId,
  reference: referralId.toUpperCase(),
  kind: 'NEW',
  rank,
  priority: 'P2',
  riskScore: 20,
  breakdown: null,
  deferrals: 0,
  listedAt: '2026-11-01T10:00:00Z',
  recusedMembers: [],
  partnerChecks: [],
  settledElsewhere: false,
  ...overrides,
});

/** The meeting's decision on an item, by the chair. */
export const decisionRecord = (
  referralId: string,
  decision: MeetingDecisionRecord['decision'] = 'DEFER',
): MeetingDecisionRecord => ({
  referralId,
  decision,
  rationale: 'r',
  deviationJustification: null,
  onwardReference: null,
  passedOver: [],
  ratification: false,
  decidedByName: 'Chair',
  decidedAt: '2026-12-02T10:30:00Z',
});

/** A frozen TTCG the caller may decide at, with these items and decisions. */
export const frozenMeeting = (
  agenda: AgendaItem[],
  decisions: MeetingDecisionRecord[] = [],
  availableActions: MeetingDetail['availableActions'] = ['DECIDE'],
): MeetingDetail => ({
  id: 'm',
  region: 'YHROCU',
  type: 'TTCG',
  status: 'AGENDA_FROZEN',
  scheduledFor: '2026-12-02T10:00:00Z',
  papersCloseAt: '2026-11-25T10:00:00Z',
  agendaFrozen: true,
  agenda,
  reviews: [],
  attendees: [],
  decisions,
  availableActions,
});
