import { UK_TIME_ZONE } from '../calendar/london-time';
import { lazily } from '../lazily';

/**
 * What a notification says, in the plain style of GOV.UK Notify messages. Built only from the reference,
 * the kind and a few whitelisted payload fields that are codes or instants (stage, status, due dates):
 * never the summary, nominals, intelligence or any free text, which stay behind sign-in.
 */
export interface NotificationText {
  subject: string;
  /** Short paragraphs, each one sentence or two. */
  paragraphs: string[];
}

export interface NotificationFacts {
  kind: string;
  /** The referral's reference (e.g. YHROCU-2026-000042), when the notification is about one referral. */
  reference: string | null;
  payload: Record<string, unknown>;
}

/** Kinds that escalate: when one cannot be delivered, the failure is itself escalated to the ROCU manager. */
export const ESCALATION_KINDS: ReadonlySet<string> = new Set([
  'DEADLINE_ESCALATION',
  'IMMEDIATE_REFERRAL',
  'PLAN_REVIEW_OVERDUE',
  'NATIONAL_RESPONSE_OVERDUE',
]);

/** The kind of notice that tells the ROCU manager an escalation could not be delivered. */
export const DELIVERY_FAILED_KIND = 'DELIVERY_FAILED';

const STAGE_NAMES: Readonly<Record<string, string>> = {
  TRIAGE: 'triage',
  ASSESSMENT: 'assessment',
  DECISION: 'tasking decision',
  ALLOCATION: 'SIO allocation',
};

const STATUS_NEWS: Readonly<Record<string, string>> = {
  TRIAGE: 'is back with the gateway team for triage',
  INFO_REQUESTED: 'needs more information from you',
  REJECTED: 'has been rejected',
  DECLINED: 'has been declined',
  DEFERRED: 'has been deferred to a later meeting',
  REFERRED_NATIONAL: 'has been referred to the National Crime Agency',
  REFERRED_PARTNER: 'has been referred to a partner agency',
  ADOPTED: 'has been adopted and needs an SIO and a force LRO',
  CLOSED: 'has been closed and is due to be re-scored',
};

const londonTime = lazily(
  () => new Intl.DateTimeFormat('en-GB', { timeZone: UK_TIME_ZONE, hour: 'numeric', minute: '2-digit', hour12: true }),
);
const londonDate = lazily(
  () =>
    new Intl.DateTimeFormat('en-GB', {
      timeZone: UK_TIME_ZONE,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }),
);

/** "2:30pm on Tuesday 1 December 2026" (UK time), as GOV.UK writes times; null for anything not an instant. */
export function ukDateTime(value: unknown): string | null {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return null;
  const at = new Date(value);
  const time = londonTime().format(at).replace(/\s/g, '').replace(':00', '').toLowerCase();
  return `${time} on ${londonDate().format(at).replace(',', '')}`;
}

const code = (value: unknown, names: Readonly<Record<string, string>>): string | null =>
  typeof value === 'string' && Object.hasOwn(names, value) ? names[value] : null;

/** Subject and paragraphs for one notification (see NotificationText for what may be said). */
export function notificationText(facts: NotificationFacts): NotificationText {
  if (facts.kind.startsWith(MUTUAL_AID_PREFIX)) return mutualAidText(facts);
  const about = facts.reference ? `Referral ${facts.reference}` : 'A meeting';
  const stage = code(facts.payload.stage, STAGE_NAMES) ?? 'next step';
  const due = ukDateTime(facts.payload.dueAt ?? facts.payload.nextReviewDueAt);
  switch (facts.kind) {
    case 'DEADLINE_REMINDER':
      return {
        subject: `${about}: ${stage} due soon`,
        paragraphs: [`The ${stage} of ${about.toLowerCase()} is due${due ? ` by ${due}` : ' soon'}.`],
      };
    case 'DEADLINE_ESCALATION':
      return {
        subject: `${about}: ${stage} is overdue`,
        paragraphs: [
          `The ${stage} of ${about.toLowerCase()} was due${due ? ` by ${due}` : ''} and has not been done.`,
          'This has been escalated to you as the ROCU manager.',
        ],
      };
    case 'REFERRAL_SUBMITTED':
      return { subject: `${about}: new referral to triage`, paragraphs: [`${about} has been submitted for triage.`] };
    case 'IMMEDIATE_REFERRAL':
      return {
        subject: `${about}: immediate referral`,
        paragraphs: [`${about} is immediate.${due ? ` Its triage is due by ${due}.` : ''}`],
      };
    case 'NATIONAL_RESPONSE_REMINDER':
      return {
        subject: `${about}: the NCA's answer is due soon`,
        paragraphs: [
          `The NCA's answer to ${about.toLowerCase()}, sent national, is due${due ? ` by ${due}` : ' soon'}.`,
        ],
      };
    case 'NATIONAL_RESPONSE_OVERDUE':
      return {
        subject: `${about}: the NCA's answer is overdue`,
        paragraphs: [
          `The NCA's answer to ${about.toLowerCase()}, sent national, was due${due ? ` by ${due}` : ''} and has not been given.`,
          'This has been escalated to the NCA and to the ROCU manager of the region.',
        ],
      };
    case 'DECONFLICTION':
      return {
        subject: `${about}: possible overlap with another referral`,
        paragraphs: [`De-confliction found that ${about.toLowerCase()} may overlap with another referral.`],
      };
    case 'PLAN_REVIEW_REMINDER':
      return {
        subject: `${about}: joint plan review due soon`,
        paragraphs: [`The joint 4P plan review for ${about.toLowerCase()} is due${due ? ` by ${due}` : ' soon'}.`],
      };
    case 'PLAN_REVIEW_OVERDUE':
      return {
        subject: `${about}: joint plan review missed`,
        paragraphs: [`The joint 4P plan review for ${about.toLowerCase()} was missed and has been recorded.`],
      };
    case 'MEETING_ITEM_EXCLUDED':
      return {
        subject: `${about}: left off a meeting agenda`,
        paragraphs: [`${about} could not be listed on a meeting agenda. The next meeting will try again.`],
      };
    case DELIVERY_FAILED_KIND:
      return {
        subject: `${about}: an escalation could not be delivered`,
        paragraphs: [
          `An escalation about ${about.toLowerCase()} could not be delivered by email.`,
          'Check failed deliveries in ROCU Gateway.',
        ],
      };
    default:
      return defaultText(facts, about);
  }
}

const MUTUAL_AID_PREFIX = 'MUTUAL_AID_';
/** A region code from the payload (upper-case letters only), never free text. */
const regionCode = (value: unknown): string =>
  typeof value === 'string' && /^[A-Z_]{2,30}$/.test(value) ? value : 'another region';

/**
 * Mutual aid between regions (issue 16): about a request, not a referral (the lending region may not see the
 * tasking), so only the two regions and what was asked for are named.
 */
function mutualAidText(facts: NotificationFacts): NotificationText {
  const borrower = regionCode(facts.payload.borrowingRegion);
  const lender = regionCode(facts.payload.lendingRegion);
  const what = facts.payload.aidKind === 'SIO' ? 'an SIO' : 'a capability';
  const news: Readonly<Record<string, [string, string]>> = {
    MUTUAL_AID_REQUESTED: [
      `Mutual aid: ${borrower} asks for ${what}`,
      `${borrower} has asked your region for ${what} for one of its taskings. Approve or refuse the request.`,
    ],
    MUTUAL_AID_APPROVED: [
      `Mutual aid: ${lender} approved your request`,
      `${lender} has approved your request for ${what}.`,
    ],
    MUTUAL_AID_REFUSED: [
      `Mutual aid: ${lender} refused your request`,
      `${lender} has refused your request for ${what}, with a reason.`,
    ],
    MUTUAL_AID_WITHDRAWN: [
      `Mutual aid: ${borrower} withdrew its request`,
      `${borrower} has withdrawn its request for ${what}. Nothing more is needed.`,
    ],
    MUTUAL_AID_LOAN_ENDED: [
      `Mutual aid: the loan of an SIO has ended`,
      `The loan of an SIO from ${lender} to ${borrower} has ended.`,
    ],
  };
  const [subject, paragraph] = news[facts.kind] ?? [
    'Mutual aid: update in ROCU Gateway',
    `There is an update about mutual aid between ${borrower} and ${lender}.`,
  ];
  return { subject, paragraphs: [paragraph, 'Sign in to ROCU Gateway to see the request.'] };
}

/** Status changes (REFERRAL_<status>) and anything else: say what happened without detail. */
function defaultText(facts: NotificationFacts, about: string): NotificationText {
  const news = facts.kind.startsWith('REFERRAL_') ? code(facts.payload.to, STATUS_NEWS) : null;
  if (news) return { subject: `${about} ${news}`, paragraphs: [`${about} ${news}.`] };
  if (facts.kind.startsWith('MEETING_')) {
    return {
      subject: `${about}: a meeting record needs attention`,
      paragraphs: ['A meeting record could not be updated and needs attention.'],
    };
  }
  return {
    subject: `${about}: update in ROCU Gateway`,
    paragraphs: [`There is an update about ${about.toLowerCase()}.`],
  };
}
