import {
  MEETING_DECISIONS,
  MeetingDecision,
  nationalDeclineOutsideMeetingRefusal,
  ORGANISATIONS,
  PassedOverItem,
  type ReferralOrigin,
  referralStatusAfter,
  undecidedItems,
  URGENT_DECISIONS,
} from '@rocu/domain';
import type { SignedInUser } from '../../auth/web-session';
import { errorSummary, ErrorSummary } from '../../errors/error-summary';
import type { FormFlash } from '../../errors/form-state';
import { organisationName } from '../../auth/dev-personas';
import { partnerCheckRow } from '../../presentation/partner-checks';
import { statusTag as referralStatusTag } from '../../presentation/referral-labels';
import {
  DECISION_LABELS,
  decisionTag,
  meetingStatusTag,
  meetingTypeLabel,
  StatusTag,
} from '../../presentation/status-tag';
import type { Minutes } from '@rocu/contracts';
import type { ReferralList, ReferralSummary } from '../referrals/referral-api';
import type { AgendaItem, MeetingDetail, MeetingList } from './meeting-api';
import { AttendanceForm, AttendeeRow, PendingDecision } from './meeting-forms';
import { RANKING_RULE, whyRankedHere } from './rank-explanation';

interface PageView {
  pageTitle: string;
  contentWidth?: 'full' | 'two-thirds';
  errors?: ErrorSummary;
}

const meetingTitle = (meeting: { type: string; region: string }): string =>
  `${meetingTypeLabel(meeting.type)} meeting, ${meeting.region}`;

export const meetingPath = (meetingId: string): string => `/meetings/${meetingId}`;
export const decisionPath = (meetingId: string, referralId: string): string =>
  `/meetings/${meetingId}/items/${referralId}/decision`;
export const justificationPath = (meetingId: string, referralId: string): string =>
  `/meetings/${meetingId}/items/${referralId}/justification`;

export const MEETINGS_PER_PAGE = 50;

/** GOV.UK pagination's previous and next links for a page of a list, or undefined when there is one page. */
export function pagination(
  list: { page: number; pageSize: number; total: number },
  path: string,
): { previous?: { href: string }; next?: { href: string } } | undefined {
  const pages = Math.ceil(list.total / list.pageSize);
  if (pages <= 1) return undefined;
  return {
    ...(list.page > 1 ? { previous: { href: `${path}?page=${list.page - 1}` } } : {}),
    ...(list.page < pages ? { next: { href: `${path}?page=${list.page + 1}` } } : {}),
  };
}

export interface MeetingListView extends PageView {
  pagination?: ReturnType<typeof pagination>;
  meetings: {
    href: string;
    title: string;
    type: string;
    scheduledFor: string;
    papersCloseAt: string;
    status: StatusTag;
  }[];
  total: number;
}

export function meetingListView(list: MeetingList): MeetingListView {
  return {
    pageTitle: 'Meetings',
    contentWidth: 'full',
    total: list.total,
    pagination: pagination(list, '/meetings'),
    meetings: list.items.map((meeting) => ({
      href: meetingPath(meeting.id),
      title: meetingTitle(meeting),
      type: meetingTypeLabel(meeting.type),
      scheduledFor: meeting.scheduledFor,
      papersCloseAt: meeting.papersCloseAt,
      status: meetingStatusTag(meeting.status),
    })),
  };
}

const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  DEFER: 'deferred',
  DECLINE_RETURN_TO_FORCE: 'declined',
  UNDECIDED: 'undecided',
};

/** What a meeting did with an urgent decision: "Ratified" or "Overturned (was Refer to the NCA)". */
function ratificationText(outcome: string | null | undefined, overturned: string | null | undefined): string {
  if (outcome === 'RATIFY') return 'Ratified';
  if (outcome === 'OVERTURN')
    return `Overturned (was ${overturned ? decisionTag(overturned).text : 'the urgent decision'})`;
  return '';
}

interface ItemView {
  referralId: string;
  anchor: string;
  rank: number;
  reference: string;
  priority: string;
  riskScore: string;
  deferrals: number;
  breakdown: { element: string; grade: string; weighted: string }[];
  breakdownExplanation: string;
  whyRanked: string[];
  urgentDecision?: string;
  /** "National tasking request (FIREARMS)" or "Aligned to FIREARMS"; absent for a regional item. */
  national?: string;
  recused: string[];
  /** One line per partner check: "HM Revenue and Customs: Hit (HMRC-CI-0042)". */
  partnerChecks: string[];
  decision?: {
    tag: StatusTag;
    ratification: string;
    rationale: string;
    decidedBy: string;
    deviation?: string;
    declineJustification?: string;
    onwardReference?: string;
  };
  decideHref?: string;
  /** Why an undecided item needs no decision here. */
  settledElsewhere?: string;
}

const SETTLED_ELSEWHERE = 'No longer for this meeting: the referral was withdrawn or decided outside it';

/** The national flag every agenda shows (issue 16): the NCA's own request, or an item aligned to a priority. */
function nationalFlag(item: Pick<AgendaItem, 'nationalPriority' | 'origin'>): string | undefined {
  if (item.origin === 'NCA_TASKING') return `National tasking request (${item.nationalPriority ?? 'no priority'})`;
  return item.nationalPriority ? `Aligned to national priority ${item.nationalPriority}` : undefined;
}

function itemView(item: AgendaItem, meeting: MeetingDetail, canDecide: boolean): ItemView {
  const references = new Map(meeting.agenda.map((each) => [each.referralId, each.reference]));
  const names = new Map(meeting.attendees.map((attendee) => [attendee.sub, attendee.name]));
  const ranked = meeting.agenda.filter((each) => each.kind === 'NEW');
  const made = item.decision;
  return {
    referralId: item.referralId,
    anchor: `item-${item.referralId}`,
    rank: item.rank,
    reference: item.reference,
    priority: item.priority,
    riskScore: item.riskScore.toFixed(1),
    deferrals: item.deferrals,
    breakdown: (item.breakdown?.harmElements ?? []).map((element) => ({
      element: element.element,
      grade: element.grade,
      weighted: element.weighted.toFixed(1),
    })),
    breakdownExplanation: item.breakdown?.explanation ?? '',
    whyRanked: item.kind === 'NEW' ? whyRankedHere(item, ranked) : [],
    urgentDecision: item.urgentDecision && (DECISION_LABELS[item.urgentDecision] ?? item.urgentDecision),
    national: nationalFlag(item),
    recused: item.recusedMembers.map((sub) => names.get(sub) ?? sub),
    partnerChecks: item.partnerChecks.map((check) => partnerCheckRow(check).summary),
    decision: made && {
      tag: decisionTag(made.decision),
      ratification: ratificationText(made.ratificationOutcome, made.overturnedDecision),
      rationale: made.rationale,
      decidedBy: made.decidedByName,
      ...(made.onwardReference ? { onwardReference: made.onwardReference } : {}),
      ...(made.declineJustification ? { declineJustification: made.declineJustification } : {}),
      ...(made.passedOver.length > 0
        ? {
            deviation: `Adopted ahead of ${made.passedOver
              .map(
                (over) =>
                  `${references.get(over.referralId) ?? over.referralId} (rank ${over.rank}, ${OUTCOME_WORDS[over.outcome] ?? over.outcome})`,
              )
              .join(', ')}: ${made.deviationJustification ?? ''}`,
          }
        : {}),
    },
    ...(!made && item.settledElsewhere ? { settledElsewhere: SETTLED_ELSEWHERE } : {}),
    ...(canDecide && !made && !item.settledElsewhere ? { decideHref: decisionPath(meeting.id, item.referralId) } : {}),
  };
}

export interface MeetingView extends PageView {
  meeting: {
    id: string;
    title: string;
    type: string;
    region: string;
    scheduledFor: string;
    papersCloseAt: string;
    status: StatusTag;
    agendaFrozen: boolean;
  };
  rankingRule: string;
  newItems: ItemView[];
  ratifications: ItemView[];
  reviews: { reference: string; status: string; priority: string }[];
  attendees: { name: string; org: string; recusedFrom: string[] }[];
  canRecordAttendance: boolean;
  canClose: boolean;
  undecided: string[];
  attendanceHref: string;
  closeAction: string;
  /** The closing remarks of a refused closure, to correct. */
  closeRemarks?: string;
  minutesHref: string;
  decided?: string;
}

export function meetingView(meeting: MeetingDetail, refused?: FormFlash, decidedReferralId?: string): MeetingView {
  const canDecide = meeting.availableActions.includes('DECIDE');
  // A recusal can be on an agenda item or a live tasking under review (the conflict register covers both).
  const references = new Map([...meeting.agenda, ...meeting.reviews].map((item) => [item.referralId, item.reference]));
  const outcomes = new Map(meeting.decisions.map((made) => [made.referralId, made.decision]));
  const decided = decidedReferralId ? references.get(decidedReferralId) : undefined;
  return {
    pageTitle: meetingTitle(meeting),
    contentWidth: 'full',
    errors: refused && errorSummary(refused.problem),
    meeting: {
      id: meeting.id,
      title: meetingTitle(meeting),
      type: meetingTypeLabel(meeting.type),
      region: meeting.region,
      scheduledFor: meeting.scheduledFor,
      papersCloseAt: meeting.papersCloseAt,
      status: meetingStatusTag(meeting.status),
      agendaFrozen: meeting.agendaFrozen,
    },
    rankingRule: RANKING_RULE,
    newItems: meeting.agenda.filter((item) => item.kind === 'NEW').map((item) => itemView(item, meeting, canDecide)),
    ratifications: meeting.agenda
      .filter((item) => item.kind !== 'NEW')
      .map((item) => itemView(item, meeting, canDecide)),
    reviews: meeting.reviews.map((review) => ({
      reference: review.reference,
      status: referralStatusTag(review.status).text,
      priority: review.priority ?? '',
    })),
    attendees: meeting.attendees.map((attendee) => ({
      name: attendee.name,
      org: organisationName(attendee.org),
      recusedFrom: attendee.conflicts.map((id) => references.get(id) ?? id),
    })),
    canRecordAttendance: meeting.availableActions.includes('RECORD_ATTENDANCE'),
    canClose: meeting.availableActions.includes('CLOSE'),
    undecided: undecidedItems(
      meeting.agenda.map(({ referralId, rank, settledElsewhere }) => ({ referralId, rank, settledElsewhere })),
      outcomes,
    ).map((item) => references.get(item.referralId) ?? item.referralId),
    attendanceHref: `${meetingPath(meeting.id)}/attendance`,
    closeAction: `${meetingPath(meeting.id)}/close`,
    closeRemarks: stringValues(refused?.values).remarks,
    minutesHref: `${meetingPath(meeting.id)}/minutes`,
    ...(decided ? { decided } : {}),
  };
}

export interface AttendanceView extends PageView {
  meetingTitle: string;
  backHref: string;
  /** `removable`: false for someone recorded once a decision is, as the meeting then keeps everyone recorded. */
  rows: (AttendeeRow & { index: number; removable: boolean })[];
  /** The sign-in ids recorded as the form is shown: those without a row when it is saved are removed. */
  recorded: string[];
  organisations: { value: string; text: string }[];
  items: { value: string; text: string }[];
}

/** Organisations that sit on a region's meetings: its ROCU and forces, and the national agencies. */
function organisationsFor(region: string): { value: string; text: string }[] {
  return ORGANISATIONS.filter((org) => org.region === region || org.region === null).map((org) => ({
    value: org.code,
    text: org.name,
  }));
}

export function attendanceView(
  meeting: MeetingDetail,
  user: SignedInUser | undefined,
  draft: AttendanceForm | undefined,
  refused?: FormFlash,
): AttendanceView {
  const recorded = meeting.attendees.map(({ sub, name, org, conflicts }) => ({ sub, name, org, conflicts }));
  const chair = user ? [{ sub: user.sub, name: user.name, org: user.org, conflicts: [] }] : [];
  // What was sent (refused) or typed so far (adding a row); else who is recorded; else the chair to start.
  const rows = draft?.rows ?? (recorded.length > 0 ? recorded : chair);
  const blank: AttendeeRow = { sub: '', name: '', org: '', conflicts: [] };
  const kept = meeting.decisions.length > 0 ? new Set(meeting.attendees.map((attendee) => attendee.sub)) : new Set();
  return {
    pageTitle: 'Record attendance',
    errors: refused && errorSummary(refused.problem),
    meetingTitle: meetingTitle(meeting),
    backHref: meetingPath(meeting.id),
    rows: (rows.length > 0 ? rows : [blank]).map((row, index) => ({ ...row, index, removable: !kept.has(row.sub) })),
    // As first shown: someone recorded since is not on this form, so saving it must not remove them.
    recorded: draft?.recorded ?? recorded.map((attendee) => attendee.sub),
    organisations: organisationsFor(meeting.region),
    items: conflictItems(meeting),
  };
}

/** A conflict may be declared on any item before the meeting: the agenda's, and the live taskings it reviews once. */
function conflictItems(meeting: MeetingDetail): { value: string; text: string }[] {
  const onAgenda = new Set(meeting.agenda.map((item) => item.referralId));
  // An urgent adoption awaiting ratification is on the agenda and, live, among the reviews too.
  const reviews = meeting.reviews.filter((review) => !onAgenda.has(review.referralId));
  return [...meeting.agenda, ...reviews].map((item) => ({
    value: item.referralId,
    text: item.priority ? `${item.reference} (${item.priority})` : item.reference,
  }));
}

export interface DecisionFormView extends PageView {
  /** A refusal the chair cannot fix on the form (not in session, not quorate): shown as a banner instead. */
  sessionRefusal?: { detail: string; attendanceHref: string };
  caption: string;
  backHref: string;
  reference: string;
  decisions: { value: string; text: string }[];
  values: Record<string, string>;
}

const stringValues = (values: Record<string, unknown> | undefined): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );

/** The API's refusals of a decision because of the meeting, not the form: attendance is what is missing. */
const SESSION_REFUSALS: ReadonlySet<string> = new Set(['NOT_IN_SESSION', 'NOT_QUORATE']);

/**
 * A refused decision form: a session refusal becomes a banner sending the chair to record attendance (the
 * form is kept); any other refusal the GOV.UK error summary with each field linked.
 */
export function decisionRefusal(
  refused: FormFlash | undefined,
  meetingId: string,
): Pick<DecisionFormView, 'errors' | 'sessionRefusal'> {
  if (!refused) return {};
  return refused.problem.code !== undefined && SESSION_REFUSALS.has(refused.problem.code)
    ? {
        errors: undefined,
        sessionRefusal: { detail: refused.problem.detail, attendanceHref: `${meetingPath(meetingId)}/attendance` },
      }
    : { errors: errorSummary(refused.problem) };
}

/** The decision radios and rationale, shared by agenda items and urgent out-of-meeting decisions. */
function decisionForm(
  caption: string,
  reference: string,
  backHref: string,
  decisions: readonly MeetingDecision[],
  refused: FormFlash | undefined,
): DecisionFormView {
  const values = stringValues(refused?.values);
  return {
    pageTitle: `Decision on ${reference}`,
    caption,
    backHref,
    reference,
    errors: refused && errorSummary(refused.problem),
    decisions: decisions.map((decision) => ({ value: decision, text: DECISION_LABELS[decision] })),
    values,
  };
}

export interface ItemDecisionView extends DecisionFormView {
  item: ItemView;
  /** An NCA tasking request: declining it needs a justification, reported nationally. */
  asksDeclineJustification: boolean;
  /** On an urgent decision listed for ratification: ratify it, or overturn it with a new decision. */
  ratification?: { items: { value: string; text: string; checked: boolean }[] };
}

export function itemDecisionView(meeting: MeetingDetail, item: AgendaItem, refused?: FormFlash): ItemDecisionView {
  const form = decisionForm(
    meetingTitle(meeting),
    item.reference,
    `${meetingPath(meeting.id)}#item-${item.referralId}`,
    MEETING_DECISIONS,
    refused,
  );
  const urgent = item.urgentDecision;
  return {
    ...form,
    ...decisionRefusal(refused, meeting.id),
    item: itemView(item, meeting, false),
    asksDeclineJustification: item.origin === 'NCA_TASKING',
    ...(urgent
      ? {
          ratification: {
            items: [
              { value: 'RATIFY', text: `Ratify: ${DECISION_LABELS[urgent]} stands` },
              { value: 'OVERTURN', text: 'Overturn it with a new decision' },
            ].map((option) => ({ ...option, checked: form.values.ratification === option.value })),
          },
        }
      : {}),
  };
}

export interface JustificationView extends PageView {
  sessionRefusal?: DecisionFormView['sessionRefusal'];
  caption: string;
  reference: string;
  decision: string;
  changeHref: string;
  passedOver: { reference: string; rank: number; outcome: string }[];
  values: Record<string, string>;
}

export function justificationView(
  meeting: MeetingDetail,
  item: AgendaItem,
  pending: PendingDecision,
  passedOver: readonly PassedOverItem[],
  refused?: FormFlash,
): JustificationView {
  const references = new Map(meeting.agenda.map((each) => [each.referralId, each.reference]));
  return {
    pageTitle: `Justify adopting ${item.reference} out of rank order`,
    caption: meetingTitle(meeting),
    reference: item.reference,
    decision: DECISION_LABELS[pending.decision],
    changeHref: decisionPath(meeting.id, item.referralId),
    ...decisionRefusal(refused, meeting.id),
    passedOver: passedOver.map((over) => ({
      reference: references.get(over.referralId) ?? over.referralId,
      rank: over.rank,
      outcome: OUTCOME_WORDS[over.outcome] ?? over.outcome,
    })),
    values: { rationale: pending.rationale, ...stringValues(refused?.values) },
  };
}

export interface MinutesView extends PageView {
  minutes: Minutes;
  title: string;
  backHref: string;
  items: (Minutes['items'][number] & {
    decisionText: string;
    deviationText: string;
    riskText: string;
    /** Whether the NCA asked for it, and the national priority it serves: a decline of either is reported. */
    nationalText: string;
  })[];
}

export function minutesView(minutes: Minutes): MinutesView {
  return {
    pageTitle: `Minutes: ${meetingTitle(minutes.meeting)}`,
    contentWidth: 'full',
    minutes: {
      ...minutes,
      attendees: minutes.attendees.map((attendee) => ({ ...attendee, org: organisationName(attendee.org) })),
    },
    title: meetingTitle(minutes.meeting),
    backHref: meetingPath(minutes.meeting.id),
    items: minutes.items.map((item) => ({
      ...item,
      riskText: item.riskScore.toFixed(1),
      decisionText: item.decision
        ? `${item.ratification ? `${ratificationText(item.ratification.outcome, item.ratification.overturned)}: ` : ''}${decisionTag(item.decision).text}${item.onwardReference ? ` (${item.onwardReference})` : ''}`
        : item.settledElsewhere
          ? 'Settled elsewhere (withdrawn or decided outside the meeting)'
          : 'Undecided (rolls to the next meeting)',
      nationalText: [
        item.origin === 'NCA_TASKING' ? 'NCA tasking request' : '',
        item.nationalPriority ? `national priority ${item.nationalPriority}` : '',
      ]
        .filter(Boolean)
        .join(', '),
      deviationText: item.deviation
        ? `Ahead of ${item.deviation.passedOver.map((over) => `${over.reference} (rank ${over.rank}, ${OUTCOME_WORDS[over.outcome] ?? over.outcome.toLowerCase()})`).join(', ')}: ${item.deviation.justification ?? ''}`
        : '',
    })),
  };
}

export interface UrgentListView extends PageView {
  referrals: {
    href: string;
    reference: string;
    subjectName: string;
    owner: string;
    priority: string;
    riskScore: string;
    submittedAt: string;
  }[];
  decided?: string;
}

export const urgentDecisionPath = (referralId: string): string => `/meetings/urgent-decisions/${referralId}`;

export function urgentListView(list: ReferralList, decided?: string): UrgentListView {
  return {
    pageTitle: 'Urgent out-of-meeting decisions',
    contentWidth: 'full',
    referrals: list.items.map((referral) => ({
      href: urgentDecisionPath(referral.id),
      reference: referral.reference,
      subjectName: referral.subjectName,
      owner: organisationName(referral.ownerOrg),
      priority: referral.priority ?? '',
      riskScore: referral.riskScore === null ? '' : referral.riskScore.toFixed(1),
      submittedAt: referral.submittedAt,
    })),
    ...(decided ? { decided } : {}),
  };
}

/** The decisions an urgent decision may take on this referral (an NCA tasking request is declined only at a meeting). */
export function urgentDecisionView(
  referral: ReferralSummary & { origin?: ReferralOrigin },
  refused?: FormFlash,
): DecisionFormView {
  const decisions = URGENT_DECISIONS.filter(
    (decision) => nationalDeclineOutsideMeetingRefusal(referral, referralStatusAfter(decision)) === null,
  );
  return decisionForm(
    'Urgent out-of-meeting decision',
    referral.reference,
    '/meetings/urgent-decisions',
    decisions,
    refused,
  );
}
