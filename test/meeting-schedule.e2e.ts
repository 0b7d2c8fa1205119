import { Client, Connection } from '@temporalio/client';
import { meetingScheduleWorkflowId } from '@rocu/contracts';
import { Stack } from './support/stack';
import { eventually } from './support/referral-fixtures';
import { testEnvironment } from './support/test-environment';

const EVERY_MS = 3_000;
const ROCU_REGIONS = ['EMSOU', 'ERSOU', 'NERSOU', 'NWROCU', 'ROCUWM', 'SEROCU', 'SWROCU', 'TARIAN', 'YHROCU'];

interface MeetingRow {
  region: string;
  scheduled_for: Date;
  papers_close_at: Date;
}

describe('meetings created ahead from each region’s cadence (compressed to seconds)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await Stack.start({ env: { MEETING_SCHEDULES: 'true', MEETING_INTERVAL_MS: String(EVERY_MS) } });
  });

  afterAll(async () => {
    await stack.stop();
  });

  const meetings = async (region: string): Promise<MeetingRow[]> =>
    (
      await stack.db.query<MeetingRow>(
        `SELECT region, scheduled_for, papers_close_at FROM meetings WHERE region = $1 AND type = 'TTCG' ORDER BY scheduled_for`,
        [region],
      )
    ).rows;

  it('keeps two meetings ahead in every ROCU region, at the cadence, without duplicates across a worker restart', async () => {
    // The schedule's first round creates two meetings one interval apart. Each meeting's row comes from its own
    // workflow's projection, so on a loaded machine a later meeting's row can land before the second one's: wait for
    // the first two rows to be those two.
    const first = await eventually(async () => {
      const rows = await meetings('YHROCU');
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows[1].scheduled_for.getTime() - rows[0].scheduled_for.getTime()).toBe(EVERY_MS);
      return rows;
    });
    expect(first[0].scheduled_for.getTime() - first[0].papers_close_at.getTime()).toBe(EVERY_MS / 2);

    // Each region's schedule creates its meetings on its own, so allow them all to catch up.
    await eventually(async () => {
      const perRegion = await stack.db.query<{ region: string }>(
        `SELECT DISTINCT region FROM meetings ORDER BY region`,
      );
      expect(perRegion.rows.map((row) => row.region)).toEqual(ROCU_REGIONS);
    });

    // Covert commissioning meetings are created ahead per region too, on their own schedule.
    await eventually(async () => {
      const covert = await stack.db.query<{ region: string; n: number }>(
        `SELECT region, count(*)::int AS n FROM meetings WHERE type = 'COVERT_COMMISSIONING' GROUP BY region ORDER BY region`,
      );
      expect(covert.rows.map((row) => row.region)).toEqual(ROCU_REGIONS);
      expect(covert.rows.every((row) => row.n >= 2)).toBe(true);
    });

    // A restarted worker finds the schedules running and starts no second set.
    await stack.killWorker();
    stack.startWorker();

    // As each meeting falls due the schedule creates the next one.
    const later = await eventually(async () => {
      const rows = await meetings('YHROCU');
      expect(rows.length).toBeGreaterThanOrEqual(4);
      return rows;
    }, 30_000);
    const times = later.map((row) => row.scheduled_for.getTime());
    expect(new Set(times).size).toBe(times.length);
    for (let index = 1; index < times.length; index++)
      expect(times[index] - times[index - 1]).toBeGreaterThanOrEqual(EVERY_MS);

    // Each scheduled meeting freezes its agenda at its own cut-off.
    await eventually(async () => {
      const frozen = await stack.db.query(
        `SELECT count(*)::int AS n FROM meetings WHERE region = 'YHROCU' AND agenda_frozen_at IS NOT NULL`,
      );
      expect(frozen.rows[0].n).toBeGreaterThan(0);
    });
  });

  it("tells both running schedules the region's forces as the data has them when the worker starts", async () => {
    await stack.db.query(
      `INSERT INTO organisations (code, name, kind, region_code) VALUES ('TEST_FORCE', 'Test Constabulary', 'FORCE', 'YHROCU')`,
    );
    const connection = await Connection.connect({ address: testEnvironment().temporalAddress });
    try {
      await stack.killWorker();
      stack.startWorker();
      const client = new Client({ connection });
      const forcesSignalled = async (type: 'TTCG' | 'COVERT_COMMISSIONING') => {
        const schedule = client.workflow.getHandle(meetingScheduleWorkflowId(stack.taskQueue, 'YHROCU', type));
        return (await schedule.fetchHistory()).events?.flatMap((event) => {
          const data = event.workflowExecutionSignaledEventAttributes?.input?.payloads?.[0]?.data;
          return data ? [JSON.parse(Buffer.from(data).toString()) as { settings: { regionForces?: string[] } }] : [];
        });
      };
      for (const type of ['TTCG', 'COVERT_COMMISSIONING'] as const) {
        await eventually(async () => {
          const signals = (await forcesSignalled(type)) ?? [];
          expect(signals.at(-1)?.settings.regionForces).toEqual(['HUM', 'NYP', 'SYP', 'TEST_FORCE', 'WYP']);
        }, 30_000);
      }
    } finally {
      await stack.db.query(`DELETE FROM organisations WHERE code = 'TEST_FORCE'`);
      await connection.close();
    }
  });
});
