import {
  addWorkingDays,
  computeDeadline,
  DEFAULT_DEADLINE_POLICIES,
  DEFAULT_MEETING_SETTINGS,
  defaultRegionSettings,
  RegionSettings,
} from '@rocu/domain';
import { Client, Connection } from '@temporalio/client';
import {
  MEETING_SCHEDULE_WORKFLOW_TYPE,
  meetingRecurrenceFor,
  meetingScheduleWorkflowId,
  meetingWorkflowId,
  type MeetingScheduleInput,
  type MeetingWorkflowInput,
} from '@rocu/contracts';
import { pausedWorkingTime } from './support/paused-working-time';
import { Stack } from './support/stack';
import { testEnvironment } from './support/test-environment';
import { eventually, meetingBody, referralBody } from './support/referral-fixtures';

interface SettingsView {
  region: string;
  version: number;
  settings: RegionSettings;
  changedBy: { sub: string; name: string };
  reason: string;
}

interface Deadline {
  stage: string;
  dueAt: string;
  remindAt: string;
}

describe('region settings: versioned in Postgres, changed by the ROCU manager, applied to new referrals only', () => {
  let stack: Stack;
  let temporal: Connection;
  let manager: string;
  let referrer: string;
  let assessor: string;

  beforeAll(async () => {
    stack = await Stack.start();
    temporal = await Connection.connect({ address: testEnvironment().temporalAddress });
    manager = await stack.token(['ROCU_MANAGER'], 'YHROCU');
    referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
  });

  afterAll(async () => {
    await temporal.close();
    await stack.stop();
  });

  const put = (body: unknown, token = manager) =>
    stack.http.request<SettingsView & { errors?: { field: string }[] }>('PUT', '/regions/YHROCU/settings', {
      token,
      body,
    });

  const submit = async () => {
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    return submitted.body.id;
  };

  const triage = async (id: string) => {
    const detail = await stack.http.get<{
      submittedAt: string;
      deadlines: Deadline[];
      history: { action: string; at: string }[];
    }>(`/referrals/${id}`, assessor);
    const deadline = detail.body.deadlines.find((candidate) => candidate.stage === 'TRIAGE');
    const [asked, answered] = detail.body.history
      .filter((entry) => entry.action === 'TRIAGE' || entry.action === 'PROVIDE_INFORMATION')
      .map((entry) => new Date(entry.at));
    return {
      submittedAt: new Date(detail.body.submittedAt),
      dueAt: deadline?.dueAt,
      remindAt: deadline?.remindAt,
      paused:
        asked && answered
          ? {
              elapsedMs: answered.getTime() - asked.getTime(),
              workingMs: pausedWorkingTime(new Date(detail.body.submittedAt), asked, answered),
            }
          : undefined,
    };
  };

  const versionsInDb = async () =>
    (await stack.db.query(`SELECT version FROM region_settings WHERE region = 'YHROCU' ORDER BY version`)).rows.map(
      (row: { version: number }) => row.version,
    );

  it('starts every ROCU region at version 1 with the domain defaults, seen only by its own staff', async () => {
    const read = await stack.http.get<SettingsView>('/regions/YHROCU/settings', assessor);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ region: 'YHROCU', version: 1, changedBy: { sub: 'system' } });
    expect(read.body.settings).toEqual(defaultRegionSettings('MONTHLY'));
    const otherRegion = await stack.token(['ROCU_MANAGER'], 'NWROCU');
    expect((await stack.http.get('/regions/YHROCU/settings', otherRegion)).status).toBe(403);
    expect((await stack.http.get('/regions/YHROCU/settings', referrer)).status).toBe(403);
    expect((await put({ settings: read.body.settings, reason: 'not mine' }, otherRegion)).status).toBe(403);
    expect((await put({ settings: read.body.settings, reason: 'not mine' }, assessor)).status).toBe(403);
  });

  it('refuses bad settings with 400 naming every bad field, writing nothing', async () => {
    const settings = { ...defaultRegionSettings('MONTHLY'), reminderFraction: 1.5, extra: true };
    // An anchor in year 26 was accepted, and then stopped the region's schedule workflow.
    settings.meetings = { ...settings.meetings, weekday: 7 as 1, timeOfDay: '9am', anchorDate: '0026-01-07' };
    const refused = await put({ settings, reason: 'broken' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors?.map((error) => error.field).sort()).toEqual([
      'settings.extra',
      'settings.meetings.anchorDate',
      'settings.meetings.timeOfDay',
      'settings.meetings.weekday',
      'settings.reminderFraction',
    ]);
    const blankReason = await put({ settings: defaultRegionSettings('MONTHLY'), reason: '   ' });
    expect({ status: blankReason.status, fields: blankReason.body.errors?.map((error) => error.field) }).toEqual({
      status: 400,
      fields: ['reason'],
    });
    // Bad settings and a bad field beside them: one 400 names both, as the manager's form shows them together.
    const both = await put({ settings, reason: ' ', expectedVersion: 0 });
    expect(both.body.errors?.map((error) => error.field).sort()).toEqual([
      'expectedVersion',
      'reason',
      'settings.extra',
      'settings.meetings.anchorDate',
      'settings.meetings.timeOfDay',
      'settings.meetings.weekday',
      'settings.reminderFraction',
    ]);
    // Settings that are no object are named once, by the type they should have.
    const notObject = await put({ settings: 'monthly', reason: 'x' });
    expect(notObject.body.errors?.map((error) => error.field)).toEqual(['settings']);
    expect(await versionsInDb()).toEqual([1]);
    const audit = await stack.db.query(`SELECT 1 FROM audit_log WHERE action = 'REGION_SETTINGS_CHANGED'`);
    expect(audit.rowCount).toBe(0);
  });

  it('applies a change to referrals submitted after it; a running referral keeps the version it started with', async () => {
    const before = await submit();
    const beforeTriage = await triage(before);
    expect(beforeTriage.dueAt).toBe(addWorkingDays(beforeTriage.submittedAt, 2).toISOString());

    // The region's TTCG schedule, as the worker starts it (this stack runs without schedules of its own).
    const schedule = await new Client({ connection: temporal }).workflow.start(MEETING_SCHEDULE_WORKFLOW_TYPE, {
      workflowId: meetingScheduleWorkflowId(stack.taskQueue, 'YHROCU', 'TTCG'),
      taskQueue: stack.taskQueue,
      args: [
        {
          region: 'YHROCU',
          type: 'TTCG',
          recurrence: meetingRecurrenceFor(defaultRegionSettings('MONTHLY'), undefined),
          horizon: 2,
        } satisfies MeetingScheduleInput,
      ],
    });

    const settings = defaultRegionSettings('MONTHLY');
    settings.deadlines.ROUTINE = { TRIAGE: { workingDays: 4 }, ASSESSMENT: { workingDays: 15 } };
    settings.reminderFraction = 0.5;
    settings.meetings = { ...settings.meetings, weekday: 2, timeOfDay: '14:30', quorumForcesFraction: 0.75 };
    const changed = await put({ settings, reason: 'Backlog: more time for routine triage', expectedVersion: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, settings, reason: 'Backlog: more time for routine triage' });
    expect((await put({ settings, reason: 'stale', expectedVersion: 1 })).status).toBe(409);

    // The schedule is told the new calendar, so the meetings it creates from now on follow it, with the region's
    // forces as the reference data has them, which their quorum counts.
    const newMeetingSettings = {
      ...DEFAULT_MEETING_SETTINGS,
      quorumForceFraction: 0.75,
      regionForces: ['HUM', 'NYP', 'SYP', 'WYP'],
    };
    const signalled = async () =>
      (await schedule.fetchHistory()).events?.flatMap((event) => {
        const signal = event.workflowExecutionSignaledEventAttributes;
        const payload = signal?.input?.payloads?.[0]?.data;
        return signal?.signalName === 'meetingRecurrence' && payload
          ? [JSON.parse(Buffer.from(payload).toString()) as unknown]
          : [];
      });
    await eventually(async () => {
      expect({ signalled: await signalled(), logs: stack.recentLogs() }).toEqual({
        signalled: [
          {
            recurrence: meetingRecurrenceFor(settings, undefined),
            settings: newMeetingSettings,
          },
        ],
        logs: expect.any(String),
      });
    }, 10_000);
    await schedule.terminate('region settings test finished');

    // An extra meeting arranged now runs by the new quorum too.
    const extra = await stack.http.post<{ id: string }>('/meetings', meetingBody(86_400_000), manager);
    expect(extra.status).toBe(201);
    const meetingHistory = await new Client({ connection: temporal }).workflow
      .getHandle(meetingWorkflowId(extra.body.id))
      .fetchHistory();
    const started = meetingHistory.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    const meetingInput = JSON.parse(Buffer.from(started ?? []).toString()) as MeetingWorkflowInput;
    expect(meetingInput.settings).toEqual(newMeetingSettings);

    const after = await submit();
    const afterTriage = await triage(after);
    const expected = computeDeadline('TRIAGE', afterTriage.submittedAt, {
      due: { workingDays: 4 },
      reminderFraction: 0.5,
    });
    expect(afterTriage).toMatchObject({
      dueAt: expected.dueAt.toISOString(),
      remindAt: expected.remindAt.toISOString(),
    });

    // The earlier referral's workflow still runs on version 1, also after its next transition.
    const asked = await stack.http.post(
      `/referrals/${before}/triage`,
      { decision: 'REQUEST_INFO', reason: 'Which nominals?' },
      assessor,
    );
    expect(asked.status).toBe(200);
    await stack.http.post(`/referrals/${before}/information`, { response: 'Two of them' }, referrer);
    const stillBefore = await triage(before);
    expect(stillBefore.paused).toBeDefined();
    const v1 = computeDeadline(
      'TRIAGE',
      stillBefore.submittedAt,
      DEFAULT_DEADLINE_POLICIES.ROUTINE.TRIAGE,
      stillBefore.paused,
    );
    expect(stillBefore).toMatchObject({ dueAt: v1.dueAt.toISOString(), remindAt: v1.remindAt.toISOString() });

    const versions = await stack.http.get<{ versions: SettingsView[] }>('/regions/YHROCU/settings/versions', manager);
    expect(versions.body.versions.map((version) => [version.version, version.changedBy.sub])).toEqual([
      [2, 'rocu_manager@yhrocu'],
      [1, 'system'],
    ]);
    const audit = await stack.db.query(
      `SELECT actor_sub, entity_id, justification, details->>'fromVersion' AS "from", details->>'toVersion' AS "to"
         FROM audit_log WHERE action = 'REGION_SETTINGS_CHANGED'`,
    );
    expect(audit.rows).toEqual([
      {
        actor_sub: 'rocu_manager@yhrocu',
        entity_id: 'YHROCU',
        justification: 'Backlog: more time for routine triage',
        from: '1',
        to: '2',
      },
    ]);
  });
});
