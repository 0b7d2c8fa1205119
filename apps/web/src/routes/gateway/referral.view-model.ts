import { deadlineTag } from '../../presentation/deadline-tag';
import {
  DEADLINE_STAGE_LABELS,
  labelOf,
  ROUTE_LABELS,
  statusTag,
  Tag,
  URGENCY_LABELS,
} from '../../presentation/referral-labels';
import { organisationName } from '../../auth/dev-personas';
import { partnerCheckRow, PartnerCheckRow } from '../../presentation/partner-checks';
import { intelligenceRows, IntelligenceRow, SENSITIVE_PARTS } from '../sensitive-detail/sensitive-detail';
import type { HistoryEntry, ReferralDetail } from './gateway-api.types';

const DEADLINE_STATUS_TEXT: Record<string, string> = {
  PENDING: 'Running',
  PAUSED: 'Paused while waiting for information',
  MET: 'Met',
  BREACHED: 'Missed',
  CANCELLED: 'Cancelled',
};
const ACTION_TEXT: Record<string, string> = {
  SUBMIT: 'Submitted',
  TRIAGE: 'Triaged',
  PROVIDE_INFORMATION: 'Information provided',
  ASSESS: 'Assessed',
  WITHDRAW: 'Withdrawn',
  DECIDE: 'Decided',
  RECORD_PARTNER_CHECK: 'Partner check recorded',
  DISPOSE_TO_PARTNER: 'Disposed of to a partner',
  NATIONAL_ACCEPT: 'Accepted by the NCA',
  NATIONAL_RETURN: 'Returned by the NCA',
  ALLOCATE_SIO: 'SIO allocated',
  NAME_LRO: 'LRO named',
  REALLOCATE_SIO: 'SIO reallocated',
  REPLACE_LRO: 'LRO replaced',
  CLOSE: 'Closed',
};
const BASIS_TEXT: Record<string, string> = { NOMINAL: 'a shared nominal', SUBJECT_REF: 'the same subject reference' };

export interface ReferralPageView {
  pageTitle: string;
  id: string;
  reference: string;
  subjectName: string;
  status: Tag;
  urgency: string;
  threatToLife: boolean;
  force: string;
  classification: string;
  submittedBy: string;
  submittedAt: string;
  score?: { text: string; explanation: string };
  deconfliction: { reference: string; region: string; basis: string; matched: string }[];
  partnerChecks: PartnerCheckRow[];
  /** "Border Force (reference BF-2026-7)" after a GAIN disposal. */
  disposedTo?: string;
  deadlines: { stage: string; dueAt: string; state: string; tag?: Tag }[];
  actions: { text: string; href: string }[];
  withheld: boolean;
  /** What a reason shows (SENSITIVE_PARTS). */
  sensitiveParts: string;
  summary?: string;
  intelligence: IntelligenceRow[];
  /** An answer withheld with the sensitive detail has no text. */
  information: { kind: string; text?: string; withheld: boolean; at: string }[];
  scoreHistory: { version: number; score: string; scheme: string; route: string; by: string; at: string }[];
  timeline: TimelineEntry[];
  notice?: string;
}

/**
 * What the person may do next, as the API's availableActions for them say (the rules live there): triage
 * and assessment for an assessor, partner checks and disposals for the GAIN co-ordinator.
 */
function actionsFor(referral: ReferralDetail): { text: string; href: string }[] {
  const base = `/gateway/referrals/${referral.id}`;
  const actions: { text: string; href: string }[] = [];
  if (referral.availableActions.includes('RECORD_PARTNER_CHECK'))
    actions.push({ text: 'Record a partner check', href: `${base}/partner-checks` });
  if (referral.availableActions.includes('DISPOSE_TO_PARTNER'))
    actions.push({ text: 'Dispose of to a partner', href: `${base}/partner-disposal` });
  if (referral.availableActions.includes('TRIAGE'))
    actions.push({ text: 'Triage this referral', href: `${base}/triage` });
  if (referral.availableActions.includes('ASSESS')) {
    actions.push({
      text: referral.assessment ? 'Re-assess this referral' : 'Assess this referral',
      href: `${base}/assessment`,
    });
  }
  return actions;
}

export interface TimelineEntry {
  label: string;
  by: string;
  at: string;
  text: string;
}

/** A referral's history for MoJ Frontend's timeline, newest first (the gateway's and the NCA's pages). */
export function timelineOf(history: readonly HistoryEntry[]): TimelineEntry[] {
  return [...history].reverse().map((entry) => ({
    label: ACTION_TEXT[entry.action] ?? entry.action,
    by: `${entry.actor.name}, ${organisationName(entry.actor.org)}`,
    at: entry.at,
    text: [`Status: ${statusTag(entry.to).text}.`, entry.reason ?? ''].join(' ').trim(),
  }));
}

/** "21.2 (P2)". */
export const scoreText = (riskScore: number, priority: string): string => `${riskScore.toFixed(1)} (${priority})`;

/** What every referral page starts with: its title, reference, subject and status. */
export function referralHeading(referral: ReferralDetail): {
  pageTitle: string;
  id: string;
  reference: string;
  subjectName: string;
  status: Tag;
} {
  return {
    pageTitle: `${referral.reference}: ${referral.subjectName}`,
    id: referral.id,
    reference: referral.reference,
    subjectName: referral.subjectName,
    status: statusTag(referral.status),
  };
}

/** The gateway's view of one referral: status, deadlines, de-confliction, intelligence, scores and history. */
export function referralPageView(referral: ReferralDetail, now: Date, notice?: string): ReferralPageView {
  const { submission } = referral;
  return {
    ...referralHeading(referral),
    urgency: labelOf(URGENCY_LABELS, referral.urgency),
    threatToLife: submission.threatToLife === true,
    force: organisationName(referral.ownerOrg),
    classification: referral.classification,
    submittedBy: referral.submittedBy.name,
    submittedAt: referral.submittedAt,
    score: referral.assessment
      ? {
          text: scoreText(referral.assessment.riskScore, referral.assessment.priority),
          explanation: referral.assessment.breakdown.explanation,
        }
      : undefined,
    deconfliction: (referral.deconfliction ?? []).map((link) => ({
      reference: link.reference,
      region: link.region,
      basis: BASIS_TEXT[link.basis] ?? link.basis,
      matched: link.matchedValue,
    })),
    partnerChecks: (referral.partnerChecks ?? []).map(partnerCheckRow),
    disposedTo: referral.disposedTo
      ? `${organisationName(referral.disposedTo)} (reference ${referral.onwardReference ?? 'not given'})`
      : undefined,
    deadlines: referral.deadlines.map((deadline) => ({
      stage: labelOf(DEADLINE_STAGE_LABELS, deadline.stage),
      dueAt: deadline.dueAt,
      state: DEADLINE_STATUS_TEXT[deadline.status] ?? deadline.status,
      tag: deadline.status === 'PENDING' ? deadlineTag(deadline.dueAt, now) : undefined,
    })),
    actions: actionsFor(referral),
    withheld: referral.withheld !== undefined,
    sensitiveParts: SENSITIVE_PARTS.gateway,
    summary: submission.summary,
    intelligence: intelligenceRows(submission.intelligence),
    information: referral.information.map((entry) => ({
      kind: entry.kind === 'REQUEST' ? 'Question to the force' : 'Answer from the force',
      text: entry.text,
      withheld: entry.text === undefined,
      at: entry.at,
    })),
    scoreHistory: referral.assessmentHistory.map((entry) => ({
      version: entry.version,
      score: scoreText(entry.riskScore, entry.priority),
      scheme: `${entry.scheme.id} v${entry.scheme.version}`,
      route: labelOf(ROUTE_LABELS, entry.route),
      by: entry.assessedBy.name,
      at: entry.assessedAt,
    })),
    timeline: timelineOf(referral.history),
    notice,
  };
}
