import { Client, WorkflowHandle } from '@temporalio/client';
import type { Actor, ReviewPolicy } from '@rocu/domain';
import {
  addActionUpdate,
  changeActionUpdate,
  changePlanOwnerSignal,
  closePlanSignal,
  planSnapshotQuery,
  planWorkflowId,
  PlanChangeEvent,
  PlanWorkflowInput,
  recordDisruptionUpdate,
  signReviewUpdate,
} from '@rocu/contracts';
import { recordHistory, refusal } from './support/histories';
import { startWorkflowTestHarness, WorkflowTestHarness } from './support/workflow-test-harness';
import { eventually } from './support/waiting';

/*
 * planWorkflow against the real dev server with an in-memory projection: the plan's rules as Updates,
 * its review cadence as durable timers, and continue-as-new carrying the whole plan (with RECORD_HISTORIES=1
 * the runs are recorded for the replay test).
 */

const RUN = `${Date.now().toString(36)}-${process.pid}`;
const TASK_QUEUE = `plan-workflow-test-${RUN}`;

const sio: Actor = { sub: 'sio-yhrocu-5', name: 'DCI Evans', roles: ['SIO'], org: 'YHROCU', region: 'YHROCU' };
const lro: Actor = { sub: 'lro-wyp', name: 'DI Clarke', roles: ['LRO'], org: 'WYP', region: 'YHROCU' };
const stranger: Actor = { sub: 'sio-yhrocu-2', name: 'DCI Bhatti', roles: ['SIO'], org: 'YHROCU', region: 'YHROCU' };

const projected: PlanChangeEvent[] = [];
let harness: WorkflowTestHarness | undefined;
let client: Client;

beforeAll(async () => {
  harness = await startWorkflowTestHarness(TASK_QUEUE, {
    projectPlanChange: async (event: PlanChangeEvent) => {
      projected.push(event);
    },
  });
  client = harness.client;
});

afterAll(async () => {
  await harness?.close();
});

const changesOf = (referralId: string) => projected.filter((event) => event.referralId === referralId);

async function startPlan(
  scenario: string,
  policy: ReviewPolicy,
  continueAsNewAfterEvents: number,
  stateLimitBytes?: number,
  startedAt = new Date().toISOString(),
): Promise<{ referralId: string; handle: WorkflowHandle }> {
  const referralId = `${scenario}-${RUN}`;
  const input: PlanWorkflowInput = {
    referralId,
    region: 'YHROCU',
    ownerOrg: 'WYP',
    sio: { sub: sio.sub, name: sio.name, org: 'YHROCU' },
    lro: { sub: lro.sub, name: lro.name, org: 'WYP' },
    startedAt,
    policy,
    continueAsNewAfterEvents,
    stateLimitBytes,
  };
  const handle = await client.workflow.start('planWorkflow', {
    workflowId: planWorkflowId(referralId),
    taskQueue: TASK_QUEUE,
    args: [input],
  });
  return { referralId, handle };
}

const addAction = (
  handle: WorkflowHandle,
  actor: Actor,
  pillar: 'PURSUE' | 'PREVENT' | 'PROTECT' | 'PREPARE',
  updateId?: string,
) =>
  handle.executeUpdate(addActionUpdate, {
    updateId,
    args: [
      {
        actor,
        pillar,
        description: `${pillar} action`,
        ownerOrg: actor.org,
        ownerName: actor.name,
        dueAt: '2027-01-31T17:00:00.000Z',
        partners: [],
      },
    ],
  });

describe('planWorkflow (real dev server, recorded projection)', () => {
  it('continues as new without losing actions, reviews or the pending review deadline', async () => {
    // Reviews due 8 s after the last one; reminders at half time; a new run every 30 events or so.
    const { referralId, handle } = await startPlan(
      'continue-as-new',
      { every: { elapsedMs: 8_000 }, reminderFraction: 0.5 },
      30,
    );
    const firstRunId = (await handle.describe()).runId;

    const pursue = await addAction(handle, sio, 'PURSUE', `add-pursue-${referralId}`);
    await addAction(handle, lro, 'PREVENT');
    await handle.executeUpdate(signReviewUpdate, { args: [{ actor: sio, summary: 'On track' }] });
    const review = await handle.executeUpdate(signReviewUpdate, { args: [{ actor: lro, summary: 'Agreed' }] });
    expect(review.completedAt).toEqual(expect.any(String));
    await handle.executeUpdate(recordDisruptionUpdate, {
      args: [
        {
          actor: sio,
          pillar: 'PURSUE',
          significance: 'MAJOR',
          description: 'Seizure',
          occurredAt: review.completedAt ?? '',
        },
      ],
    });
    const before = await handle.query(planSnapshotQuery);
    // More changes until the history is long enough to continue as new.
    for (const pillar of ['PROTECT', 'PREPARE', 'PROTECT', 'PREPARE'] as const) await addAction(handle, lro, pillar);

    const continued = await eventually(
      () => handle.describe(),
      (description) => description.runId !== firstRunId,
      'the plan to continue as new',
    );
    const latest = client.workflow.getHandle(planWorkflowId(referralId), continued.runId);
    const after = await latest.query(planSnapshotQuery);
    expect(after.actions.map((action) => action.pillar)).toEqual([
      'PURSUE',
      'PREVENT',
      'PROTECT',
      'PREPARE',
      'PROTECT',
      'PREPARE',
    ]);
    expect(after.reviews).toEqual(before.reviews);
    expect(after.disruptions).toEqual(before.disruptions);
    expect(after.cycle.dueAt).toBe(before.cycle.dueAt);

    // An Update of the first run sent again (an API that lost its answer) is answered, not applied a second time.
    expect(await addAction(latest, sio, 'PURSUE', `add-pursue-${referralId}`)).toEqual(pursue);
    expect((await latest.query(planSnapshotQuery)).actions).toHaveLength(6);

    // The carried version check still holds in the new run.
    const stale = await refusal(() =>
      latest.executeUpdate(changeActionUpdate, {
        args: [{ actor: lro, actionId: pursue.id, status: 'ACTIVE', version: 2 }],
      }),
    );
    expect(stale.type).toBe('VERSION_CONFLICT');

    // The pending review deadline fires in the new run: one reminder, then the missed review, each once.
    const missed = await eventually(
      () => changesOf(referralId).filter((event) => event.change.kind === 'REVIEW_OVERDUE'),
      (events) => events.length > 0,
      'the overdue review',
    );
    const reminders = changesOf(referralId).filter((event) => event.change.kind === 'REVIEW_REMINDER');
    expect(reminders.map((event) => event.change)).toEqual([{ kind: 'REVIEW_REMINDER', dueAt: before.cycle.dueAt }]);
    expect(missed[0].change).toMatchObject({ kind: 'REVIEW_OVERDUE', missed: { dueAt: before.cycle.dueAt } });
    const seqs = changesOf(referralId).map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));

    await recordHistory('plan-first-run', client.workflow.getHandle(planWorkflowId(referralId), firstRunId));
    // The run that answered may have continued as new again: close whichever runs now.
    const current = client.workflow.getHandle(planWorkflowId(referralId));
    await current.signal(closePlanSignal);
    await current.result();
    await recordHistory('plan-continued-run', current);
    await recordHistory('plan-answering-run', latest);
  });

  it('refuses strangers, stale versions and a second signature by the same owner; closing ends it', async () => {
    const { referralId, handle } = await startPlan(
      'refusals',
      { every: { months: 1 }, reminderFraction: 0.75 },
      10_000,
    );
    const action = await addAction(handle, sio, 'PURSUE');

    expect((await refusal(() => addAction(handle, stranger, 'PREVENT'))).type).toBe('ROLE_NOT_ALLOWED');
    // The LRO role held by the SIO's person does not make them the LRO.
    expect((await refusal(() => addAction(handle, { ...sio, roles: ['LRO'] }, 'PREVENT'))).type).toBe(
      'ROLE_NOT_ALLOWED',
    );

    const moved = await handle.executeUpdate(changeActionUpdate, {
      args: [{ actor: lro, actionId: action.id, status: 'ACTIVE', version: 1 }],
    });
    expect(moved.version).toBe(2);
    const stale = await refusal(() =>
      handle.executeUpdate(changeActionUpdate, {
        args: [{ actor: sio, actionId: action.id, status: 'COMPLETE', outcome: 'x', version: 1 }],
      }),
    );
    expect(stale.type).toBe('VERSION_CONFLICT');
    expect(stale.details).toEqual([{ currentVersion: 2 }]);
    const missing = await refusal(() =>
      handle.executeUpdate(changeActionUpdate, {
        args: [{ actor: sio, actionId: 'no-such-action', status: 'ACTIVE', version: 1 }],
      }),
    );
    expect(missing.type).toBe('NOT_FOUND');

    // Text the edge would have refused is refused here too: nothing visible, or an invisible character.
    for (const summary of [' \t ', 'On\u202E track']) {
      const blank = await refusal(() => handle.executeUpdate(signReviewUpdate, { args: [{ actor: lro, summary }] }));
      expect(blank.type).toBe('VALIDATION');
    }
    await handle.executeUpdate(signReviewUpdate, { args: [{ actor: lro, summary: 'First' }] });
    const twice = await refusal(() =>
      handle.executeUpdate(signReviewUpdate, { args: [{ actor: lro, summary: 'Again' }] }),
    );
    expect(twice.type).toBe('NOT_ALLOWED_IN_STATE');

    // Closing ends the plan; it keeps answering queries, read-only.
    await handle.signal(closePlanSignal);
    await handle.result();
    expect(await handle.query(planSnapshotQuery)).toMatchObject({ closed: true, actions: [{ version: 2 }] });

    // Only accepted changes were projected, in order.
    expect(changesOf(referralId).map((event) => event.change.kind)).toEqual([
      'ACTION_ADDED',
      'ACTION_CHANGED',
      'REVIEW_SIGNED',
    ]);
    await recordHistory('plan-refusals', handle);
  });

  it('holds one joint review per cycle, even against a burst of signatures by both owners (issue 13)', async () => {
    const { referralId, handle } = await startPlan(
      'one-review-per-cycle',
      { every: { months: 1 }, reminderFraction: 0.75 },
      10_000,
    );
    const burst = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) =>
        handle.executeUpdate(signReviewUpdate, {
          args: [{ actor: index % 2 === 0 ? sio : lro, summary: `Burst ${index}` }],
        }),
      ),
    );
    expect(burst.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(2);
    const { reviews } = await handle.query(planSnapshotQuery);
    expect(reviews).toHaveLength(1);
    expect(reviews[0].completedAt).toEqual(expect.any(String));
    expect(reviews[0].signatures.map((signature) => signature.role).sort()).toEqual(['LRO', 'SIO']);
    const again = await refusal(() =>
      handle.executeUpdate(signReviewUpdate, { args: [{ actor: sio, summary: 'Again' }] }),
    );
    expect(again.type).toBe('NOT_ALLOWED_IN_STATE');
    expect(changesOf(referralId).map((event) => event.change.kind)).toEqual(['REVIEW_SIGNED', 'REVIEW_SIGNED']);
    await handle.signal(closePlanSignal);
    await handle.result();
    await recordHistory('plan-one-review-per-cycle', handle);
  });

  it("counts only the current owners' signatures on the open review once the SIO is replaced", async () => {
    const { referralId, handle } = await startPlan(
      'replaced-signer',
      { every: { months: 1 }, reminderFraction: 0.75 },
      10_000,
    );
    const sign = (actor: Actor, summary: string) =>
      handle.executeUpdate(signReviewUpdate, { args: [{ actor, summary }] });
    await sign(sio, 'Opened by the first SIO');
    const newcomer = { ...stranger };
    await handle.signal(changePlanOwnerSignal, {
      role: 'SIO',
      owner: { sub: newcomer.sub, name: newcomer.name, org: 'YHROCU' },
    });
    // The LRO's signature does not complete a review whose SIO signature is the former SIO's.
    expect((await sign(lro, 'Force view')).completedAt).toBeUndefined();
    expect((await refusal(() => sign(sio, 'Still me'))).type).toBe('ROLE_NOT_ALLOWED');
    const done = await sign(newcomer, 'Agreed by the new SIO');
    expect(done.completedAt).toEqual(expect.any(String));
    expect(done.signatures.map((signature) => signature.sub)).toEqual([sio.sub, lro.sub, newcomer.sub]);
    expect(changesOf(referralId).map((event) => event.change.kind)).toEqual([
      'REVIEW_SIGNED',
      'REVIEW_SIGNED',
      'REVIEW_SIGNED',
    ]);
    await handle.signal(closePlanSignal);
    await handle.result();
    await recordHistory('plan-replaced-signer', handle);
  });

  it('reminds of a working-day review cycle in working time, never at a weekend', async () => {
    // Wednesday noon + 10 working days; 75% of the 14 calendar days would be Sunday 17 January 00:00.
    const { handle } = await startPlan(
      'working-days',
      { every: { workingDays: 10 }, reminderFraction: 0.75 },
      10_000,
      undefined,
      '2027-01-06T12:00:00.000Z',
    );
    const { cycle } = await handle.query(planSnapshotQuery);
    await handle.signal(closePlanSignal);
    await handle.result();
    await recordHistory('plan-working-day-reminder', handle);
    expect(cycle).toEqual({ dueAt: '2027-01-20T12:00:00.000Z', remindAt: '2027-01-18T00:00:00.000Z' });
  });

  it('completes a review both owners signed while the SIO was replaced for a time', async () => {
    const { handle } = await startPlan('owner-back', { every: { months: 1 }, reminderFraction: 0.75 }, 10_000);
    const sign = (actor: Actor, summary: string) =>
      handle.executeUpdate(signReviewUpdate, { args: [{ actor, summary }] });
    const handOver = (to: Actor) =>
      handle.signal(changePlanOwnerSignal, { role: 'SIO', owner: { sub: to.sub, name: to.name, org: 'YHROCU' } });
    await sign(sio, 'Opened by the SIO');
    await handOver(stranger);
    expect((await sign(lro, 'Force view')).completedAt).toBeUndefined();
    await handOver(sio);
    const done = await sign(sio, 'Back on it');
    expect(done.completedAt).toEqual(expect.any(String));
    await handle.signal(closePlanSignal);
    await handle.result();
    await recordHistory('plan-owner-back', handle);
  });

  it('refuses text that would make the plan too large to carry into its next run', async () => {
    const { referralId, handle } = await startPlan(
      'full',
      { every: { months: 1 }, reminderFraction: 0.75 },
      10_000,
      1_500,
    );
    await addAction(handle, sio, 'PURSUE');
    const long = 'x'.repeat(1_500);
    const full = await refusal(() =>
      handle.executeUpdate(addActionUpdate, {
        args: [
          {
            actor: sio,
            pillar: 'PREVENT',
            description: long,
            ownerOrg: 'WYP',
            ownerName: 'x',
            dueAt: '2027-01-31T17:00:00.000Z',
            partners: [],
          },
        ],
      }),
    );
    expect(full.type).toBe('BUSINESS_RULE');
    expect(full.message).toMatch(/full/);
    expect((await handle.query(planSnapshotQuery)).actions).toHaveLength(1);
    expect(changesOf(referralId)).toHaveLength(1);
    await handle.signal(closePlanSignal);
    await handle.result();
  });
});
