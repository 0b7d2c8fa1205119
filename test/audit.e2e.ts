import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, type Pool } from 'pg';
import { PROJECT_ROOT } from '../scripts/lib/project-paths';
import { Stack } from './support/stack';
import { eventually, referralBody } from './support/referral-fixtures';

const execFileAsync = promisify(execFile);

/** Changes the audit log as its owner, bypassing the append-only trigger, as an insider with database access could. */
async function tamper(db: Pool, sql: string, params: unknown[] = []): Promise<void> {
  const client = await db.connect();
  try {
    await client.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
    await client.query(sql, params);
    await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
  } finally {
    client.release();
  }
}

const verifyCli = (databaseUrl: string) =>
  execFileAsync(process.execPath, [join(PROJECT_ROOT, 'dist/scripts/verify-audit.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });

interface AuditItem {
  id: string;
  actorSub: string;
  action: string;
  outcome: string;
  entityId: string | null;
}

describe('tamper-evident audit trail', () => {
  let stack: Stack;
  let auditor: string;

  beforeAll(async () => {
    stack = await Stack.start();
    auditor = await stack.token(['AUDITOR'], 'YHROCU', 'auditor-1');
  });

  afterAll(async () => {
    await stack.stop();
  });

  const verify = async () =>
    (
      await stack.http.get<{ ok: boolean; rows: number; firstBreak?: { id: string; reason: string }; head: string }>(
        '/audit/verify',
        auditor,
      )
    ).body;

  it('records exactly the scripted actions, denials included, and only auditors may read them', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP', 'referrer-1');
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU', 'assessor-1');
    const outsider = await stack.token(['FORCE_REFERRER'], 'SYP', 'outsider-1');
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    const id = submitted.body.id;
    await stack.http.get(`/referrals/${id}`, assessor);
    await stack.http.post(`/referrals/${id}/triage`, { decision: 'ACCEPT', reason: 'ok' }, assessor);
    expect((await stack.http.get(`/referrals/${id}`, outsider)).status).toBe(404);
    expect((await stack.http.post(`/referrals/${id}/withdraw`, { reason: 'x' }, outsider)).status).toBe(404);

    const trail = await eventually(async () => {
      const page = await stack.http.get<{ items: AuditItem[] }>(`/audit?entityId=${id}&pageSize=200`, auditor);
      expect(page.body.items).toHaveLength(5);
      return page.body.items;
    });
    expect(
      trail
        .slice()
        .reverse()
        .map((item) => [item.actorSub, item.action, item.outcome]),
    ).toEqual([
      ['referrer-1', 'REFERRAL_SUBMITTED', 'SUCCESS'],
      ['assessor-1', 'REFERRAL_VIEWED', 'SUCCESS'],
      ['assessor-1', 'REFERRAL_TRIAGE', 'SUCCESS'],
      ['outsider-1', 'HTTP_GET', 'DENIED'],
      ['outsider-1', 'HTTP_POST', 'DENIED'],
    ]);
    const byActor = await stack.http.get<{ items: AuditItem[] }>('/audit?actor=outsider-1', auditor);
    expect(byActor.body.items.every((item) => item.outcome === 'DENIED')).toBe(true);

    expect((await stack.http.get('/audit', assessor)).status).toBe(403);
    expect((await stack.http.get(`/referrals/${id}`, auditor)).status).toBe(404); // auditors see the trail, not operational detail
    expect((await stack.http.get('/audit?from=yesterday', auditor)).status).toBe(400);
  });

  it('records which referrals a list showed, found when asking about any one of them', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP', 'referrer-2');
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    const listed = await stack.http.get<{ items: { id: string }[] }>('/referrals?pageSize=200', referrer);
    expect(listed.body.items.map((item) => item.id)).toContain(submitted.body.id);
    const reads = await stack.http.get<{ items: (AuditItem & { details: { ids: string[] } })[] }>(
      `/audit?entityId=${submitted.body.id}&action=REFERRALS_LISTED`,
      auditor,
    );
    expect(reads.body.items.map((item) => [item.actorSub, item.outcome])).toEqual([['referrer-2', 'SUCCESS']]);
    expect(reads.body.items[0].details.ids).toEqual(listed.body.items.map((item) => item.id));
  });

  it("limits an auditor to their organisation's people and records, a ROCU's to its region; the national auditor sees all (issue 13)", async () => {
    const wyp = await stack.token(['FORCE_REFERRER'], 'WYP', 'scope-wyp');
    const kent = await stack.token(['FORCE_REFERRER'], 'KENT', 'scope-kent');
    const wypReferral = (await stack.http.post<{ id: string }>('/referrals', referralBody(), wyp)).body.id;
    // Routed to ERSOU: Kent, the first force affected, is there.
    const kentReferral = (
      await stack.http.post<{ id: string }>('/referrals', referralBody({ forcesAffected: ['KENT'] }), kent)
    ).body.id;
    const seen = async (token: string): Promise<string[]> => {
      const page = await stack.http.get<{ items: AuditItem[] }>('/audit?action=REFERRAL_SUBMITTED&pageSize=200', token);
      expect(page.status).toBe(200);
      return page.body.items.map((item) => item.entityId ?? '');
    };
    const sees = async (token: string) => {
      const ids = await seen(token);
      return { wyp: ids.includes(wypReferral), kent: ids.includes(kentReferral) };
    };
    expect(await sees(await stack.token(['AUDITOR'], 'WYP'))).toEqual({ wyp: true, kent: false });
    expect(await sees(await stack.token(['AUDITOR'], 'SYP'))).toEqual({ wyp: false, kent: false });
    expect(await sees(await stack.token(['AUDITOR'], 'YHROCU'))).toEqual({ wyp: true, kent: false });
    expect(await sees(await stack.token(['AUDITOR'], 'ERSOU'))).toEqual({ wyp: false, kent: true });
    expect(await sees(await stack.token(['AUDITOR'], 'NCA'))).toEqual({ wyp: false, kent: false });
    expect(await sees(await stack.token(['NATIONAL_AUDITOR'], 'NCA'))).toEqual({ wyp: true, kent: true });
    // The national role belongs to the NCA alone.
    expect((await stack.http.get('/audit', await stack.token(['NATIONAL_AUDITOR'], 'HMRC'))).status).toBe(403);
    // Anomalies are scoped the same way: a refusal on a WYP record is for WYP's and the region's auditors.
    const prober = await stack.token(['FORCE_REFERRER'], 'KENT', 'scope-prober');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await stack.http.get(`/referrals/${wypReferral}`, prober)).status).toBe(404);
    }
    const flagged = async (token: string) =>
      eventually(async () => {
        const report = await stack.http.get<{ items: { actorSub: string; refusals: number }[] }>(
          '/audit/anomalies?days=1',
          token,
        );
        expect(report.status).toBe(200);
        return report.body.items.find((item) => item.actorSub === 'scope-prober')?.refusals ?? 0;
      });
    await eventually(async () => expect(await flagged(await stack.token(['AUDITOR'], 'YHROCU'))).toBe(5));
    expect(await flagged(await stack.token(['AUDITOR'], 'SYP'))).toBe(0);
  });

  it('is only read and appended by the role the services act as', async () => {
    const asApp = new Client({ connectionString: stack.databaseUrl, options: '-c role=rocu_app' });
    await asApp.connect();
    try {
      expect((await asApp.query('SELECT current_user AS role')).rows[0].role).toBe('rocu_app');
      await expect(asApp.query(`UPDATE audit_log SET outcome = 'SUCCESS'`)).rejects.toThrow(/permission denied/);
      await expect(asApp.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
      await expect(asApp.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
      const before = Number((await asApp.query('SELECT count(*) AS n FROM audit_log')).rows[0].n);
      await asApp.query(
        `INSERT INTO audit_log (actor_sub, action, entity_type, outcome, details) VALUES ('test', 'TEST', 'test', 'SUCCESS', '{}')`,
      );
      expect(Number((await asApp.query('SELECT count(*) AS n FROM audit_log')).rows[0].n)).toBe(before + 1);
    } finally {
      await asApp.end();
    }
    // The API itself acts as that role: take a privilege from the role and the API loses it too.
    const manager = await stack.token(['ROCU_MANAGER'], 'YHROCU');
    expect((await stack.http.get('/officers', manager)).status).toBe(200);
    await stack.db.query('REVOKE SELECT ON officers FROM rocu_app');
    try {
      expect((await stack.http.get('/officers', manager)).status).toBe(500);
    } finally {
      await stack.db.query('GRANT SELECT ON officers TO rocu_app');
    }
    expect((await stack.http.get('/officers', manager)).status).toBe(200);
  });

  it('cannot be changed by the application, and verification finds the first break after tampering', async () => {
    await expect(stack.db.query(`UPDATE audit_log SET outcome = 'SUCCESS'`)).rejects.toThrow(/append-only/);
    await expect(stack.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);

    const clean = await verify();
    expect(clean.ok).toBe(true);
    expect(clean.rows).toBeGreaterThan(5);
    expect(clean.head).toMatch(/^[0-9a-f]{64}$/);

    const cli = await verifyCli(stack.databaseUrl);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, head: (await verify()).head });

    const { rows } = await stack.db.query<{ id: string }>('SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 2');
    const modified = rows[0].id;
    await tamper(stack.db, `UPDATE audit_log SET details = '{"tampered": true}' WHERE id = $1`, [modified]);
    expect((await verify()).firstBreak).toEqual({ id: modified, reason: 'CONTENT_CHANGED' });
    await expect(verifyCli(stack.databaseUrl)).rejects.toMatchObject({ code: 1 });
  });

  it('detects a deleted row and reordered rows', async () => {
    // A fresh stack keeps this independent of the previous tampering.
    const fresh = await Stack.start();
    try {
      const referrer = await fresh.token(['FORCE_REFERRER'], 'WYP');
      for (let index = 0; index < 3; index++) await fresh.http.post('/referrals', referralBody(), referrer);
      const freshAuditor = await fresh.token(['AUDITOR'], 'YHROCU');
      const check = async () =>
        (
          await fresh.http.get<{ ok: boolean; firstBreak?: { id: string; reason: string } }>(
            '/audit/verify',
            freshAuditor,
          )
        ).body;
      expect((await check()).ok).toBe(true);
      const ids = (await fresh.db.query<{ id: string }>('SELECT id FROM audit_log ORDER BY id')).rows.map(
        (row) => row.id,
      );
      await tamper(fresh.db, 'DELETE FROM audit_log WHERE id = $1', [ids[1]]);
      expect((await check()).firstBreak).toEqual({ id: ids[2], reason: 'CHAIN_BROKEN' });

      // Swapping two rows' positions: each row's hash covers its own id, so the earlier one breaks first.
      await tamper(fresh.db, `UPDATE audit_log SET id = CASE id WHEN $1::bigint THEN -1 ELSE id END WHERE id = $1`, [
        ids[0],
      ]);
      await tamper(fresh.db, `UPDATE audit_log SET id = $1 WHERE id = $2`, [ids[0], ids[2]]);
      await tamper(fresh.db, `UPDATE audit_log SET id = $1 WHERE id = -1`, [ids[2]]);
      expect((await check()).firstBreak).toEqual({ id: ids[0], reason: 'CONTENT_CHANGED' });
    } finally {
      await fresh.stop();
    }
  });
});
