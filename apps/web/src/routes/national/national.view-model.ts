import { organisationName } from '../../auth/dev-personas';
import type { ErrorSummary } from '../../errors/error-summary';
import { deadlineTag } from '../../presentation/deadline-tag';
import { pagination, PaginationView } from '../../presentation/pagination';
import { NUNJUCKS_FILTERS } from '../../setup/nunjucks-filters';
import { Tag, URGENCY_LABELS } from '../../presentation/referral-labels';
import type { ReferralDetail } from '../gateway/gateway-api.types';
import { referralHeading, scoreText, timelineOf, TimelineEntry } from '../gateway/referral.view-model';
import { intelligenceRows, IntelligenceRow, SENSITIVE_PARTS } from '../sensitive-detail/sensitive-detail';
import type { NationalQueue } from './national-api';

export const NATIONAL_PAGE_SIZE = 25;

const OVERDUE: Tag = { text: 'Overdue', classes: 'govuk-tag--red' };

export const nationalReferralPath = (id: string): string => `/national/referrals/${encodeURIComponent(id)}`;

export interface NationalQueueView {
  pageTitle: string;
  contentWidth: 'full';
  total: number;
  rows: {
    href: string;
    reference: string;
    subjectName: string;
    region: string;
    referredBy: string;
    referredAt: string;
    responseDueAt: string;
    overdue?: Tag;
  }[];
  pagination?: PaginationView;
}

/** The NCA's queue, in the API's order (soonest answer due first); "Overdue" is the API's own judgement. */
export function nationalQueueView(queue: NationalQueue): NationalQueueView {
  return {
    pageTitle: 'National queue',
    contentWidth: 'full',
    total: queue.total,
    rows: queue.items.map((item) => ({
      href: nationalReferralPath(item.id),
      reference: item.reference,
      subjectName: item.subjectName,
      region: organisationName(item.region),
      referredBy: organisationName(item.ownerOrg),
      referredAt: item.referredAt,
      responseDueAt: item.responseDueAt,
      overdue: item.overdue ? OVERDUE : undefined,
    })),
    pagination: pagination(queue.page, queue.pageSize, queue.total, (page) => `/national?page=${page}`),
  };
}

export interface NationalReferralView {
  pageTitle: string;
  id: string;
  reference: string;
  subjectName: string;
  status: Tag;
  rows: { key: { text: string }; value: { text: string } }[];
  dueTag?: Tag;
  withheld: boolean;
  /** What a reason shows (SENSITIVE_PARTS). */
  sensitiveParts: string;
  summary?: string;
  intelligence: IntelligenceRow[];
  actions: { text: string; href: string; classes?: string }[];
  timeline: TimelineEntry[];
}

const NCA_ACTIONS = [
  { action: 'NATIONAL_ACCEPT', text: 'Accept it', path: 'accept' },
  { action: 'NATIONAL_RETURN', text: 'Return it to the region', path: 'return', classes: 'govuk-button--secondary' },
];

/** A referral as the NCA sees it: where it came from, when its answer is due, and what the NCA may do now. */
export function nationalReferralView(referral: ReferralDetail, now: Date): NationalReferralView {
  const { national } = referral;
  const row = (key: string, text: string) => ({ key: { text: key }, value: { text } });
  const rows = [
    row('Region', organisationName(referral.region)),
    row('Referred by', organisationName(referral.ownerOrg)),
    row('Urgency', URGENCY_LABELS[referral.urgency as keyof typeof URGENCY_LABELS] ?? referral.urgency),
    row(
      'Risk score',
      referral.assessment ? scoreText(referral.assessment.riskScore, referral.assessment.priority) : 'Not assessed',
    ),
  ];
  return {
    ...referralHeading(referral),
    rows: national
      ? [
          ...rows,
          row('Sent to the NCA', NUNJUCKS_FILTERS.dateTime(national.referredAt)),
          ...(national.responseDueAt ? [row('Answer due', NUNJUCKS_FILTERS.dateTime(national.responseDueAt))] : []),
          ...(national.reference ? [row('NCA reference', national.reference)] : []),
        ]
      : rows,
    dueTag: national?.responseDueAt ? deadlineTag(national.responseDueAt, now) : undefined,
    withheld: referral.withheld !== undefined,
    sensitiveParts: SENSITIVE_PARTS.national,
    summary: referral.submission.summary,
    intelligence: intelligenceRows(referral.submission.intelligence),
    actions: NCA_ACTIONS.filter(({ action }) => referral.availableActions.includes(action)).map((each) => ({
      text: each.text,
      href: `${nationalReferralPath(referral.id)}/${each.path}`,
      classes: each.classes,
    })),
    timeline: timelineOf(referral.history),
  };
}

export interface NationalAnswerFormView {
  pageTitle: string;
  reference: string;
  subjectName: string;
  backHref: string;
  value: string;
  /** The form's Idempotency-Key (see formKey). */
  key: string;
  errors?: ErrorSummary;
}
