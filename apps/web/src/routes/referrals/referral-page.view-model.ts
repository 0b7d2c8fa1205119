import { nameOf, ReferenceLists } from '../../reference/reference-data.service';
import {
  DEADLINE_STAGE_LABELS,
  DEADLINE_STATUS_LABELS,
  labelOf,
  statusTag,
  SUBJECT_TYPE_LABELS,
  Tag,
  URGENCY_LABELS,
} from '../../presentation/referral-labels';
import type { ErrorSummary } from '../../errors/error-summary';
import type { ReferralDetail } from './referral-api';
import { planPath } from '../plans/plan.view-model';

/** A referral has a 4P plan once it is ACTIVE (its SIO allocated and its LRO named), closed with it. */
const hasPlan = (detail: ReferralDetail): boolean =>
  ['ACTIVE', 'CLOSED'].includes(detail.status) && detail.history.some((entry) => entry.to === 'ACTIVE');

export interface ReferralPageView {
  pageTitle: string;
  id: string;
  reference: string;
  status: Tag;
  notice?: string;
  errors?: ErrorSummary;
  details: { key: { text: string }; value: { text: string } }[];
  deadlines: { stage: string; dueAt: string; status: string }[];
  timeline: {
    label: { text: string };
    text: string;
    byline: { text: string };
    datetime: { timestamp: string; format: string };
  }[];
  withheld?: string;
  informationRequest?: string;
  canAnswer: boolean;
  canWithdraw: boolean;
  /** The 4P plan's page, once the referral has one. */
  planHref?: string;
  /** The ROCU manager may allocate its SIO; the referring force may name its LRO. */
  canAllocateSio: boolean;
  canNameLro: boolean;
  /** Once in place, the ROCU manager may reallocate the SIO and the force replace its LRO. */
  canReallocateSio: boolean;
  canReplaceLro: boolean;
  /** The ROCU manager may close an ACTIVE tasking with its outcome. */
  canClose: boolean;
  /** Why an urgent decision still matters: it awaits a meeting's ratification (and holds the closure back). */
  ratificationPending?: string;
  answer: string;
  /** The action form's Idempotency-Key (see formKey). */
  key?: string;
}

/** An urgent decision awaiting ratification, and what waits for it. */
function ratificationNotice(detail: ReferralDetail): string | undefined {
  if (!detail.tasking.ratificationPending) return undefined;
  const pending = 'The urgent decision taken out of meeting awaits ratification at the next meeting.';
  return detail.status === 'ACTIVE'
    ? `${pending} The tasking can be closed once that meeting has ruled on it.`
    : pending;
}

/** The text of what the gateway last asked, if the referral is waiting for an answer. */
function openRequest(detail: ReferralDetail): string | undefined {
  const last = detail.information.at(-1);
  return last?.kind === 'REQUEST' ? last.text : undefined;
}

/** A referral as its referrer sees it: where it stands, its deadlines, what happened, what they can do. */
export function referralPageView(
  detail: ReferralDetail,
  reference: ReferenceLists,
  extras: { notice?: string; errors?: ErrorSummary; answer?: string; key?: string } = {},
): ReferralPageView {
  const submission = detail.submission;
  const names = (codes: string[] | undefined, list: ReferenceLists[keyof ReferenceLists]): string =>
    (codes ?? []).map((code) => nameOf(list, code)).join(', ');
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value || '–' } });
  return {
    pageTitle: `Referral ${detail.reference}`,
    id: detail.id,
    reference: detail.reference,
    status: statusTag(detail.status),
    notice: extras.notice,
    errors: extras.errors,
    details: [
      row(
        'Subject',
        `${submission.subject?.name ?? detail.subjectName} (${labelOf(SUBJECT_TYPE_LABELS, detail.subjectType)})`,
      ),
      row('Urgency', labelOf(URGENCY_LABELS, detail.urgency)),
      row('Threat to life', submission.threatToLife === undefined ? '' : submission.threatToLife ? 'Yes' : 'No'),
      row('Crime types', names(submission.crimeTypes, reference.crimeTypes)),
      row('Forces affected', names(submission.forcesAffected, reference.forces)),
      row('Capabilities requested', names(submission.requestedCapabilities, reference.capabilities)),
      row('Classification', detail.classification),
      row('Submitted by', detail.submittedBy.name),
      ...(detail.tasking.sio ? [row('Senior investigating officer (SIO)', detail.tasking.sio.name)] : []),
      ...(detail.tasking.lro ? [row('Lead responsible officer (LRO)', detail.tasking.lro.name)] : []),
    ],
    deadlines: detail.deadlines.map((deadline) => ({
      stage: labelOf(DEADLINE_STAGE_LABELS, deadline.stage),
      dueAt: deadline.dueAt,
      status: labelOf(DEADLINE_STATUS_LABELS, deadline.status),
    })),
    timeline: [...detail.history].reverse().map((entry) => ({
      label: { text: statusTag(entry.to).text },
      text: entry.reason ?? '',
      byline: { text: `${entry.actor.name} (${entry.actor.org})` },
      datetime: { timestamp: entry.at, format: 'datetime' },
    })),
    withheld: detail.withheld
      ? 'The summary, the intelligence and your answers to the gateway’s questions are OFFICIAL-SENSITIVE: they are not shown on this page.'
      : undefined,
    informationRequest: openRequest(detail),
    canAnswer: detail.availableActions.includes('PROVIDE_INFORMATION'),
    canWithdraw: detail.availableActions.includes('WITHDRAW'),
    planHref: hasPlan(detail) ? planPath(detail.id) : undefined,
    canAllocateSio: detail.availableActions.includes('ALLOCATE_SIO'),
    canNameLro: detail.availableActions.includes('NAME_LRO'),
    canReallocateSio: detail.availableActions.includes('REALLOCATE_SIO'),
    canReplaceLro: detail.availableActions.includes('REPLACE_LRO'),
    canClose: detail.availableActions.includes('CLOSE'),
    ratificationPending: ratificationNotice(detail),
    answer: extras.answer ?? '',
    key: extras.key,
  };
}
