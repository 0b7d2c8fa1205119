import type { EntityManager } from 'typeorm';
import type {
  Actor,
  AllocationRule,
  Participant,
  PartnerCheck,
  PlanRole,
  Priority,
  ReferralStatus,
  ScoreResult,
} from '@rocu/domain';

/** Who did something, as the projection records them. */
export type Recorder = Pick<Actor, 'sub' | 'name' | 'org'>;

/** One referral workflow event: the referral and the event's sequence number. */
export interface ReferralEventKey {
  referralId: string;
  seq: number;
}

export interface ReferralHistoryEntry extends ReferralEventKey {
  from: ReferralStatus | null;
  to: ReferralStatus;
  action: string;
  actor: Recorder;
  reason: string | null;
  at: string;
}

/** The referral's new status, with its paused clock and (when re-scored) its priority and risk score. */
export interface ReferralAdvance extends ReferralEventKey {
  status: ReferralStatus;
  at: string;
  pausedMs: number;
}

/** What the latest assessment sets on its referral. */
export interface AssessmentAlignment {
  nationalPriority: string | null;
  priority: Priority | null;
  riskScore: number | null;
}

export interface InformationEntry extends ReferralEventKey {
  kind: 'REQUEST' | 'RESPONSE';
  text: string;
  actor: Recorder;
  at: string;
}

export interface AssessmentEntry extends ReferralEventKey {
  score: ScoreResult;
  input: unknown;
  route: string;
  rationale: Record<string, string>;
  assessedBy: Recorder;
  at: string;
}

export interface PartnerCheckEntry extends ReferralEventKey {
  check: PartnerCheck;
  recordedBy: Recorder;
  at: string;
}

export interface SioAllocationEntry {
  referralId: string;
  officer: Participant;
  justification: string;
  conflictDeclaration: { hasConflict: boolean; details?: string };
  ruleExceptions: AllocationRule[];
  exceptionJustification: string | null;
  mutualAidRequestId: string | null;
  allocatedBySub: string;
  at: string;
}

/** An SIO's or LRO's period in charge of a tasking, from the event that named them. */
export interface OwnerPeriodEntry extends ReferralEventKey {
  role: PlanRole;
  owner: Participant;
  reason: string | null;
  changedBySub: string;
  at: string;
}

export interface PlanStart {
  referralId: string;
  sio: Participant;
  lro: Participant;
  startedAt: string;
  nextReviewDueAt: string;
}

/** The organisations a referral's notices are addressed to: the referring force and the region. */
export interface ReferralOrgs {
  ownerOrg: string;
  region: string;
}

/**
 * The SQL that projects a referral's workflow events into its tables. Each method is one statement (or one
 * named pair) in the caller's transaction; the caller decides which apply and in what order.
 */
export const referralProjectionRepository = {
  /** The event's history row; false when an earlier attempt already projected it (the idempotency key). */
  async insertHistory(manager: EntityManager, entry: ReferralHistoryEntry): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO referral_history (referral_id, seq, from_status, to_status, action, actor_sub, actor_name, actor_org, reason, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING seq`,
      [
        entry.referralId,
        entry.seq,
        entry.from,
        entry.to,
        entry.action,
        entry.actor.sub,
        entry.actor.name,
        entry.actor.org,
        entry.reason,
        entry.at,
      ],
    );
    return inserted.length > 0;
  },

  /**
   * Moves the referral to the event's state unless a newer event already has (activities may complete out of
   * order); true when this event is the newest so far.
   */
  async advanceReferral(manager: EntityManager, advance: ReferralAdvance): Promise<boolean> {
    const [advanced] = await manager.query<[unknown[], number]>(
      `UPDATE referrals SET status = $3, last_seq = $2, updated_at = $4, paused_ms = $5
       WHERE id = $1 AND last_seq < $2 RETURNING id`,
      [advance.referralId, advance.seq, advance.status, advance.at, advance.pausedMs],
    );
    return advanced.length > 0;
  },

  async insertInformation(manager: EntityManager, entry: InformationEntry): Promise<void> {
    await manager.query(
      `INSERT INTO referral_information (referral_id, seq, kind, text, actor_sub, actor_org, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [entry.referralId, entry.seq, entry.kind, entry.text, entry.actor.sub, entry.actor.org, entry.at],
    );
  },

  async insertAssessment(manager: EntityManager, entry: AssessmentEntry): Promise<void> {
    const { score } = entry;
    await manager.query(
      `INSERT INTO assessments (referral_id, seq, scheme_id, scheme_version, input, risk_score, priority, breakdown,
         confidence, organisational_position_grade, recommendations, route, rationale, assessed_by_sub, assessed_by_name, assessed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        entry.referralId,
        entry.seq,
        score.scheme.id,
        score.scheme.version,
        JSON.stringify(entry.input),
        score.riskScore,
        score.priority,
        JSON.stringify(score.breakdown),
        score.confidence,
        score.organisationalPosition.grade,
        JSON.stringify(score.recommendations),
        entry.route,
        JSON.stringify(entry.rationale),
        entry.assessedBy.sub,
        entry.assessedBy.name,
        entry.at,
      ],
    );
  },

  async setOnwardReference(manager: EntityManager, referralId: string, onwardReference: string): Promise<void> {
    await manager.query(`UPDATE referrals SET onward_reference = $2 WHERE id = $1`, [referralId, onwardReference]);
  },

  /**
   * An urgent out-of-meeting decision, listed for ratification at the region's next TTCG; a second one (after an
   * NCA return) awaits its own ratification, whatever the first's.
   */
  async markUrgentDecision(manager: EntityManager, referralId: string, decision: string, at: string): Promise<void> {
    await manager.query(
      `UPDATE referrals SET urgent_decision = $2, urgent_decision_at = $3, ratified_in_meeting = NULL WHERE id = $1`,
      [referralId, decision, at],
    );
  },

  /** Settles the referral's urgent decision still awaiting ratification, if it has one: a meeting decided on it. */
  async settleUrgentDecision(manager: EntityManager, referralId: string, meetingId: string): Promise<void> {
    await manager.query(
      `UPDATE referrals SET ratified_in_meeting = $2
            WHERE id = $1 AND urgent_decision_at IS NOT NULL AND ratified_in_meeting IS NULL`,
      [referralId, meetingId],
    );
  },

  async insertPartnerCheck(manager: EntityManager, entry: PartnerCheckEntry): Promise<void> {
    const { check } = entry;
    await manager.query(
      `INSERT INTO partner_checks (referral_id, seq, agency, requested_on, result, reference, checked_on,
         recorded_by_sub, recorded_by_name, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        entry.referralId,
        entry.seq,
        check.agency,
        check.requestedOn,
        check.result,
        check.reference ?? null,
        check.checkedOn,
        entry.recordedBy.sub,
        entry.recordedBy.name,
        entry.at,
      ],
    );
  },

  /** A GAIN disposal: the partner's reference is the referral's onward reference, as for one referred on. */
  async recordPartnerDisposal(
    manager: EntityManager,
    referralId: string,
    disposal: { agency: string; reference: string },
  ): Promise<void> {
    await manager.query(`UPDATE referrals SET partner_org = $2, onward_reference = $3 WHERE id = $1`, [
      referralId,
      disposal.agency,
      disposal.reference,
    ]);
  },

  /** Into the NCA's queue, with its answer due. */
  async markReferredNational(manager: EntityManager, referralId: string, at: string, dueAt: string): Promise<void> {
    await manager.query(`UPDATE referrals SET national_referred_at = $2, national_due_at = $3 WHERE id = $1`, [
      referralId,
      at,
      dueAt,
    ]);
  },

  /** Off the NCA's queue, carrying the NCA's reference. */
  async markNationalAccepted(manager: EntityManager, referralId: string, reference: string, at: string): Promise<void> {
    await manager.query(
      `UPDATE referrals SET national_due_at = NULL, national_reference = $2, national_accepted_at = $3 WHERE id = $1`,
      [referralId, reference, at],
    );
  },

  /** Off the NCA's queue, back with the region (which keeps its history). */
  async markNationalReturned(manager: EntityManager, referralId: string): Promise<void> {
    await manager.query(`UPDATE referrals SET national_due_at = NULL WHERE id = $1`, [referralId]);
  },

  /** An NCA tasking request on the region's agenda, aligned to its national priority. */
  async markNationalTasking(manager: EntityManager, referralId: string, nationalPriority: string): Promise<void> {
    await manager.query(`UPDATE referrals SET origin = 'NCA_TASKING', national_priority = $2 WHERE id = $1`, [
      referralId,
      nationalPriority,
    ]);
  },

  async insertSioAllocation(manager: EntityManager, entry: SioAllocationEntry): Promise<void> {
    await manager.query(
      `INSERT INTO sio_allocations (referral_id, officer_sub, officer_name, justification, conflict_declaration,
         allocated_by_sub, allocated_at, rule_exceptions, exception_justification, mutual_aid_request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        entry.referralId,
        entry.officer.sub,
        entry.officer.name,
        entry.justification,
        JSON.stringify(entry.conflictDeclaration),
        entry.allocatedBySub,
        entry.at,
        entry.ruleExceptions,
        entry.exceptionJustification,
        entry.mutualAidRequestId,
      ],
    );
  },

  /**
   * Opens the owner's period and closes the one before it. A period projected late (out of order) ends
   * where the next one begins, so the periods never overlap.
   */
  async recordOwnerPeriod(manager: EntityManager, entry: OwnerPeriodEntry): Promise<void> {
    await manager.query(
      `UPDATE tasking_owners SET until_at = $4
        WHERE referral_id = $1 AND role = $2 AND seq < $3 AND (until_at IS NULL OR until_at > $4)`,
      [entry.referralId, entry.role, entry.seq, entry.at],
    );
    await manager.query(
      `INSERT INTO tasking_owners (referral_id, role, seq, officer_sub, officer_name, officer_org, reason, changed_by_sub,
         from_at, until_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
         (SELECT min(from_at) FROM tasking_owners WHERE referral_id = $1 AND role = $2 AND seq > $3))
       ON CONFLICT DO NOTHING`,
      [
        entry.referralId,
        entry.role,
        entry.seq,
        entry.owner.sub,
        entry.owner.name,
        entry.owner.org,
        entry.reason,
        entry.changedBySub,
        entry.at,
      ],
    );
  },

  /**
   * Names the tasking's current SIO or LRO on the referral and on its plan (if it has one yet): the owner of
   * the role's period with the highest sequence, whatever order the periods were projected in.
   */
  async setCurrentOwner(manager: EntityManager, referralId: string, role: PlanRole): Promise<void> {
    const latest = `(SELECT officer_sub, officer_name, officer_org FROM tasking_owners
                      WHERE referral_id = $1 AND role = $2 ORDER BY seq DESC LIMIT 1) o`;
    const column = role === 'SIO' ? 'sio' : 'lro';
    await manager.query(
      `UPDATE referrals SET ${column}_sub = o.officer_sub, ${column}_name = o.officer_name,
              ${column}_org = o.officer_org
         FROM ${latest} WHERE id = $1`,
      [referralId, role],
    );
    // The plan keeps no SIO organisation.
    const planOrg = role === 'LRO' ? ', lro_org = o.officer_org' : '';
    await manager.query(
      `UPDATE plans SET ${column}_sub = o.officer_sub, ${column}_name = o.officer_name${planOrg}
         FROM ${latest} WHERE referral_id = $1`,
      [referralId, role],
    );
  },

  /**
   * The referral's plan, in the referral's region. A tasking adopted again after an overturn stood it down
   * reopens its closed plan with the new owners and cycle; an open plan is never touched (a retried start).
   */
  async insertPlan(manager: EntityManager, plan: PlanStart): Promise<void> {
    await manager.query(
      `INSERT INTO plans (referral_id, region, sio_sub, sio_name, lro_sub, lro_name, lro_org, started_at, next_review_due_at)
       SELECT id, region, $2, $3, $4, $5, $6, $7, $8 FROM referrals WHERE id = $1
       ON CONFLICT (referral_id) DO UPDATE SET sio_sub = EXCLUDED.sio_sub, sio_name = EXCLUDED.sio_name,
         lro_sub = EXCLUDED.lro_sub, lro_name = EXCLUDED.lro_name, lro_org = EXCLUDED.lro_org,
         started_at = EXCLUDED.started_at, next_review_due_at = EXCLUDED.next_review_due_at,
         next_review_opens_at = NULL, closed_at = NULL
       WHERE plans.closed_at IS NOT NULL`,
      [
        plan.referralId,
        plan.sio.sub,
        plan.sio.name,
        plan.lro.sub,
        plan.lro.name,
        plan.lro.org,
        plan.startedAt,
        plan.nextReviewDueAt,
      ],
    );
  },

  /** Closed with its outcome; the subject now awaits a re-assessment. */
  async closeReferral(manager: EntityManager, referralId: string, outcome: string, at: string): Promise<void> {
    await manager.query(
      `UPDATE referrals SET closure_outcome = $2, closed_at = $3, reassessment_due = true WHERE id = $1`,
      [referralId, outcome, at],
    );
  },

  async closePlan(manager: EntityManager, referralId: string, at: string): Promise<void> {
    await manager.query(`UPDATE plans SET closed_at = $2 WHERE referral_id = $1`, [referralId, at]);
  },

  /** A tasking active again after a stand-down (adopted anew): the stand-down is no longer its outcome. */
  async clearStandDown(manager: EntityManager, referralId: string): Promise<void> {
    await manager.query(`UPDATE referrals SET closure_outcome = NULL WHERE id = $1 AND closed_at IS NULL`, [
      referralId,
    ]);
  },

  /** An overturned urgent adoption: the tasking stands down with the reason as its outcome. */
  async standDownReferral(manager: EntityManager, referralId: string, reason: string): Promise<void> {
    await manager.query(`UPDATE referrals SET closure_outcome = $2 WHERE id = $1`, [referralId, reason]);
  },

  /** Closes the referral's plan if it has one still open. */
  async closeOpenPlan(manager: EntityManager, referralId: string, at: string): Promise<void> {
    await manager.query(`UPDATE plans SET closed_at = $2 WHERE referral_id = $1 AND closed_at IS NULL`, [
      referralId,
      at,
    ]);
  },

  /**
   * The latest assessment gives the referral its score (the agenda ranks by it) and says what the work is
   * aligned to (a tasking request keeps the NCA's). An older assessment landing late changes nothing, whatever
   * other transition committed in between: the score is not tied to the status's own ordering.
   */
  async alignWithAssessment(
    manager: EntityManager,
    assessment: ReferralEventKey,
    alignment: AssessmentAlignment,
  ): Promise<void> {
    await manager.query(
      `UPDATE referrals SET priority = coalesce($4, priority), risk_score = coalesce($5, risk_score),
         national_priority = CASE WHEN origin = 'NCA_TASKING' THEN national_priority ELSE $2 END
        WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.referral_id = $1 AND a.seq > $3)`,
      [assessment.referralId, alignment.nationalPriority, assessment.seq, alignment.priority, alignment.riskScore],
    );
  },

  async clearReassessmentDue(manager: EntityManager, referralId: string): Promise<void> {
    await manager.query(`UPDATE referrals SET reassessment_due = false WHERE id = $1`, [referralId]);
  },

  async loadReferralOrgs(manager: EntityManager, referralId: string): Promise<ReferralOrgs> {
    const [referral] = await manager.query<ReferralOrgs[]>(
      `SELECT owner_org AS "ownerOrg", region FROM referrals WHERE id = $1`,
      [referralId],
    );
    return referral;
  },
};
