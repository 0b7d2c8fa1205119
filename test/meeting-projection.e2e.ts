import { DataSource } from 'typeorm';
import { loadConfig } from '@rocu/config';
import { meetingWorkflowId } from '@rocu/contracts';
import { dataSourceOptions } from '@rocu/persistence';
import { MeetingProjectionActivities } from '../apps/worker/src/activities/meeting-projection.activities';
import { WorkflowClientService } from '../apps/worker/src/workflow-client.service';
import { referralBody } from './support/referral-fixtures';
import { Stack } from './support/stack';
import { testEnvironment } from './support/test-environment';

/**
 * The meeting projection on a real database, driven directly so the order in which events commit can be
 * forced: every event is recorded once, whatever order its projection commits in.
 */
describe('meeting projection: each event once, in any commit order', () => {
  let stack: Stack;
  let dataSource: DataSource;
  let projection: MeetingProjectionActivities;

  beforeAll(async () => {
    stack = await Stack.start();
    dataSource = new DataSource(
      dataSourceOptions({ url: stack.databaseUrl, poolMax: 2, connectionTimeoutMs: 5000, statementTimeoutMs: 15000 }),
    );
    await dataSource.initialize();
    const config = loadConfig({ DATABASE_URL: stack.databaseUrl, TEMPORAL_ADDRESS: testEnvironment().temporalAddress });
    // Decisions below carry no actor, so nothing is sent to a referral's workflow.
    projection = new MeetingProjectionActivities(dataSource, new WorkflowClientService(config));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await stack.stop();
  });

  it('keeps the attendance and its conflict declarations when a later decision commits first', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    const referralId = submitted.body.id;
    const meetingId = '6f1c7f0e-5f43-4c1b-9a39-2d7c1f1b8e01';
    await stack.db.query(
      `INSERT INTO meetings (id, workflow_id, region, type, status, scheduled_for, papers_close_at, created_at)
       VALUES ($1, $2, 'YHROCU', 'TTCG', 'AGENDA_FROZEN', now() + interval '30 minutes', now(), now())`,
      [meetingId, meetingWorkflowId(meetingId)],
    );
    const chair = {
      sub: 'chair-1',
      name: 'Det Supt Chair',
      roles: ['TTCG_CHAIR' as const],
      org: 'YHROCU',
      region: 'YHROCU',
    };
    const at = new Date().toISOString();
    const attendance = {
      meetingId,
      seq: 2,
      at,
      actor: chair,
      attendees: [{ sub: 'member-wyp', name: 'DCI Member', org: 'WYP', conflicts: [referralId] }],
    };
    const decision = {
      meetingId,
      seq: 3,
      at,
      actor: null,
      region: 'YHROCU',
      decision: {
        referralId,
        decision: 'DEFER' as const,
        rationale: 'Await capacity',
        passedOver: [],
        decidedBy: { sub: chair.sub, name: chair.name },
        decidedAt: at,
        ratification: false,
      },
    };

    // The decision (seq 3) commits before the attendance (seq 2) it follows.
    await projection.applyDecision(decision);
    await projection.projectAttendance(attendance);
    // Retries of either change nothing.
    await projection.projectAttendance(attendance);
    await projection.applyDecision(decision);

    const attendees = await stack.db.query(`SELECT sub, org FROM meeting_attendees WHERE meeting_id = $1`, [meetingId]);
    expect(attendees.rows).toEqual([{ sub: 'member-wyp', org: 'WYP' }]);
    const register = await stack.db.query(
      `SELECT person_sub AS "personSub" FROM conflict_declarations WHERE meeting_id = $1 AND referral_id = $2`,
      [meetingId, referralId],
    );
    expect(register.rows).toEqual([{ personSub: 'member-wyp' }]);
    const decisions = await stack.db.query(`SELECT seq, decision FROM meeting_decisions WHERE meeting_id = $1`, [
      meetingId,
    ]);
    expect(decisions.rows).toEqual([{ seq: 3, decision: 'DEFER' }]);
    const journal = await stack.db.query(`SELECT seq FROM meeting_events WHERE meeting_id = $1 ORDER BY seq`, [
      meetingId,
    ]);
    expect(journal.rows).toEqual([{ seq: 2 }, { seq: 3 }]);
    const audited = await stack.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [meetingId]);
    expect(audited.rows.map((row: { action: string }) => row.action)).toEqual([
      'MEETING_DECISION_RECORDED',
      'MEETING_ATTENDANCE_RECORDED',
    ]);
    const [meeting] = (await stack.db.query(`SELECT last_seq FROM meetings WHERE id = $1`, [meetingId])).rows;
    expect(meeting.last_seq).toBe(3);
  });
});
