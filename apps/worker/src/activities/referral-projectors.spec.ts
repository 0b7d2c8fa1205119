import type { EntityManager } from 'typeorm';
import type { ReferralTransitionEvent } from '@rocu/contracts';
import { scoreAssessment } from '@rocu/domain';
import { WORKED_EXAMPLE } from '../../../../test/fixtures/worked-example';
import { projectReferralTransition } from './referral-projectors';

interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * A transaction that records its statements. The history insert answers as for a fresh event unless
 * `duplicate`; the referral's advance as for the newest event unless `stale`.
 */
function recordingManager(options: { duplicate?: boolean; stale?: boolean } = {}) {
  const statements: Statement[] = [];
  const query = (sql: string, params: unknown[] = []): Promise<unknown> => {
    const flat = sql.replace(/\s+/g, ' ').trim();
    statements.push({ sql: flat, params });
    if (flat.startsWith('INSERT INTO referral_history')) return Promise.resolve(options.duplicate ? [] : [{ seq: 1 }]);
    if (flat.startsWith('UPDATE referrals SET status')) return Promise.resolve([options.stale ? [] : [{ id: 'r' }], 1]);
    if (flat.startsWith('SELECT owner_org')) return Promise.resolve([{ ownerOrg: 'WYP', region: 'YHROCU' }]);
    return Promise.resolve([]);
  };
  return { manager: { query } as unknown as EntityManager, statements };
}

const officer = { sub: 'sio-yhrocu-1', name: 'DI Sio', org: 'YHROCU' };
const lro = { sub: 'lro-wyp-1', name: 'DS Lro', org: 'WYP' };

const baseEvent: ReferralTransitionEvent = {
  workflowId: 'referral-r1',
  referralId: 'r1',
  seq: 7,
  at: '2026-12-01T10:00:00.000Z',
  from: 'AWAITING_DECISION',
  to: 'ADOPTED',
  action: 'ADOPT',
  actor: { sub: 'chair-1', name: 'Chair', roles: ['TTCG_CHAIR'], org: 'YHROCU', region: 'YHROCU' },
  deadlines: [],
  pausedMs: 0,
};

/** Every part at once, so that the order of the parts' statements is pinned (a real event has a few). */
const everyPart: ReferralTransitionEvent = {
  ...baseEvent,
  from: 'CLOSED',
  to: 'REFERRED_NATIONAL',
  information: { kind: 'REQUEST', text: 'More please' },
  assessment: {
    score: scoreAssessment(WORKED_EXAMPLE),
    input: WORKED_EXAMPLE,
    route: 'TTCG',
    rationale: {},
    nationalPriority: 'FIREARMS',
  },
  taskingDecision: { decision: 'ADOPT', rationale: 'Urgent', onwardReference: 'ONWARD-1' },
  partnerCheck: { agency: 'HMRC', requestedOn: '2026-11-30', result: 'NO_HIT', checkedOn: '2026-12-01' },
  partnerDisposal: { agency: 'HMRC', reference: 'HMRC-1' },
  national: { outcome: 'ACCEPTED', reference: 'NCA-1' },
  nationalDueAt: '2026-12-15T10:00:00.000Z',
  nationalTasking: { nationalPriority: 'FIREARMS' },
  sioAllocation: {
    officer,
    justification: 'Best placed',
    conflictDeclaration: { hasConflict: false },
  },
  lro,
  ownerChange: { role: 'SIO', from: lro, to: officer, reason: 'Moved on' },
  planStarted: { sio: officer, lro, nextReviewDueAt: '2027-01-01T10:00:00.000Z' },
  closure: { outcome: 'DISRUPTED' },
  standDown: { reason: 'Overturned' },
};

describe('projectReferralTransition', () => {
  it("runs each part's statements in one fixed order", async () => {
    const { manager, statements } = recordingManager();
    await projectReferralTransition(manager, everyPart);
    const expected = [
      'INSERT INTO referral_history',
      'UPDATE referrals SET status',
      'WITH upserted AS ( INSERT INTO referral_deadlines',
      'INSERT INTO referral_information',
      'INSERT INTO assessments',
      'UPDATE referrals SET onward_reference',
      'UPDATE referrals SET urgent_decision',
      'INSERT INTO partner_checks',
      'UPDATE referrals SET partner_org',
      'UPDATE referrals SET national_referred_at',
      'UPDATE referrals SET national_due_at = NULL, national_reference',
      "UPDATE referrals SET origin = 'NCA_TASKING'",
      'INSERT INTO sio_allocations',
      'INSERT INTO plans',
      'UPDATE referrals SET closure_outcome = NULL',
      'UPDATE tasking_owners',
      'INSERT INTO tasking_owners',
      'UPDATE referrals SET sio_sub',
      'UPDATE plans SET sio_sub',
      'UPDATE tasking_owners',
      'INSERT INTO tasking_owners',
      'UPDATE referrals SET lro_sub',
      'UPDATE plans SET lro_sub',
      'UPDATE referrals SET closure_outcome = $2, closed_at',
      'UPDATE plans SET closed_at = $2 WHERE referral_id = $1',
      'UPDATE referrals SET closure_outcome = $2 WHERE',
      'UPDATE plans SET closed_at = $2 WHERE referral_id = $1 AND closed_at IS NULL',
      'UPDATE referrals SET priority',
      'UPDATE referrals SET reassessment_due = false',
      'SELECT owner_org',
      // Sent national: the referrer and the NCA are told.
      'INSERT INTO notifications',
      'INSERT INTO notifications',
      'INSERT INTO audit_log',
    ];
    const heads = statements.map((statement, index) => statement.sql.slice(0, expected[index]?.length ?? 40));
    expect(heads).toEqual(expected);
    expect(statements[15].params.slice(0, 2)).toEqual(['r1', 'SIO']);
    expect(statements[19].params.slice(0, 2)).toEqual(['r1', 'LRO']);
  });

  it('changes nothing more for an event an earlier attempt projected', async () => {
    const { manager, statements } = recordingManager({ duplicate: true });
    await projectReferralTransition(manager, everyPart);
    expect(statements.map((statement) => statement.sql)).toEqual([
      expect.stringMatching(/^INSERT INTO referral_history/),
    ]);
  });

  it('lets an older event landing late keep its own rows but not overwrite the newer names or deadlines', async () => {
    const { manager, statements } = recordingManager({ stale: true });
    await projectReferralTransition(manager, everyPart);
    const heads = statements.map((statement) => statement.sql);
    expect(heads).not.toContainEqual(expect.stringMatching(/^WITH upserted/));
    expect(heads.filter((sql) => sql.startsWith('INSERT INTO tasking_owners'))).toHaveLength(2);
    // The names are those of each role's latest owner period (test/owner-projection-order.e2e.ts), never this event's.
    const naming = statements.filter((statement) => /^UPDATE (referrals|plans) SET (sio|lro)_sub/.test(statement.sql));
    expect(naming.map((statement) => [/ORDER BY seq DESC LIMIT 1/.test(statement.sql), statement.params])).toEqual([
      [true, ['r1', 'SIO']],
      [true, ['r1', 'SIO']],
      [true, ['r1', 'LRO']],
      [true, ['r1', 'LRO']],
    ]);
    expect(heads[heads.length - 1]).toMatch(/^INSERT INTO audit_log/);
  });

  it('tells the people a new status concerns once each, keyed by the event, before the audit row', async () => {
    const { manager, statements } = recordingManager();
    await projectReferralTransition(manager, baseEvent);
    const notices = statements.filter((statement) => statement.sql.startsWith('INSERT INTO notifications'));
    expect(notices.map((notice) => notice.params.slice(0, 5))).toEqual([
      ['referral-r1:7:FORCE_REFERRER:WYP', 'r1', 'REFERRAL_ADOPTED', 'FORCE_REFERRER', 'WYP'],
      ['referral-r1:7:ROCU_MANAGER:YHROCU', 'r1', 'REFERRAL_ADOPTED', 'ROCU_MANAGER', 'YHROCU'],
    ]);
    expect(statements[statements.length - 1].sql).toMatch(/^INSERT INTO audit_log/);
  });

  it('tells no one when the status stays the same (an LRO named, a closed referral re-scored)', async () => {
    const { manager, statements } = recordingManager();
    await projectReferralTransition(manager, { ...baseEvent, from: 'ADOPTED', lro });
    expect(statements.some((statement) => statement.sql.startsWith('INSERT INTO notifications'))).toBe(false);
  });
});
