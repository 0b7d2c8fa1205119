import { randomUUID } from 'node:crypto';
import type { SentBodies } from '../../api/keyed-send';
import type { ApiProblem } from '../../errors/api-problem';

export interface NominalAnswer {
  identifier: string;
  role: string;
}

export interface IntelligenceAnswer {
  reference: string;
  grading: { source: string; information: string; handling: string };
  conditions: string;
}

/**
 * A referral being made, as typed: the submission body's shape (so a refused field's API path names the
 * form field) with every answer kept as text until it is sent. Stored per person (DraftStore).
 */
export interface ReferralDraft {
  /** The Idempotency-Key the submission is sent with: sending twice makes one referral. */
  key: string;
  subject: { type: string; name: string; existingRef: string; nominals: NominalAnswer[] };
  crimeTypes: string[];
  forcesAffected: string[];
  /** The region's gateway an agency chose (asked of agencies only; absent from drafts kept before it was asked). */
  region?: string;
  requestedCapabilities: string[];
  urgency: string;
  threatToLife: string;
  summary: string;
  intelligence: IntelligenceAnswer[];
  classification: string;
  /** The bodies already sent under `key` (see sendKeyed): absent until the first attempt to send it. */
  sent?: SentBodies;
  /** The API's refusal of the last attempt to send it, shown on the pages that ask the refused fields. */
  problem?: Pick<ApiProblem, 'status' | 'detail' | 'errors'>;
}

export const DRAFT_KIND = 'referral';

export function newDraft(): ReferralDraft {
  return {
    key: randomUUID(),
    subject: { type: '', name: '', existingRef: '', nominals: [] },
    crimeTypes: [],
    forcesAffected: [],
    requestedCapabilities: [],
    urgency: '',
    threatToLife: '',
    summary: '',
    intelligence: [],
    classification: '',
  };
}

export const emptyNominal = (): NominalAnswer => ({ identifier: '', role: '' });

export const emptyIntelligence = (): IntelligenceAnswer => ({
  reference: '',
  grading: { source: '', information: '', handling: '' },
  conditions: '',
});

/** Whether anything has been answered (a draft worth resuming). */
export function hasAnswers(draft: ReferralDraft): boolean {
  const { subject } = draft;
  const answers = [
    subject.type,
    subject.name,
    subject.existingRef,
    draft.region ?? '',
    draft.urgency,
    draft.threatToLife,
    draft.summary,
  ];
  const lists = [
    subject.nominals,
    draft.crimeTypes,
    draft.forcesAffected,
    draft.requestedCapabilities,
    draft.intelligence,
  ];
  return (
    answers.some((answer) => answer !== '') || draft.classification !== '' || lists.some((list) => list.length > 0)
  );
}

const orUndefined = (value: string): string | undefined => (value.trim() === '' ? undefined : value);

/**
 * The POST /referrals body: unanswered questions are left out (the API names each as required) and
 * yes/no becomes a boolean. No other rule is applied here; the API judges the whole submission.
 */
export function toSubmission(draft: ReferralDraft): Record<string, unknown> {
  return {
    subject: {
      type: orUndefined(draft.subject.type),
      name: orUndefined(draft.subject.name),
      existingRef: orUndefined(draft.subject.existingRef),
      nominals: draft.subject.nominals.map((nominal) => ({
        identifier: orUndefined(nominal.identifier),
        role: orUndefined(nominal.role),
      })),
    },
    crimeTypes: draft.crimeTypes,
    forcesAffected: draft.forcesAffected,
    region: orUndefined(draft.region ?? ''),
    requestedCapabilities: draft.requestedCapabilities,
    urgency: orUndefined(draft.urgency),
    threatToLife: draft.threatToLife === 'yes' ? true : draft.threatToLife === 'no' ? false : undefined,
    summary: orUndefined(draft.summary),
    classification: orUndefined(draft.classification),
    intelligence: draft.intelligence.map((item) => ({
      reference: orUndefined(item.reference),
      grading: {
        source: orUndefined(item.grading.source),
        information: orUndefined(item.grading.information),
        handling: orUndefined(item.grading.handling),
      },
      conditions: orUndefined(item.conditions),
    })),
  };
}
