import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, type Pool } from 'pg';
import { DEV_AUDIT_SEAL_KEY } from '@rocu/config';
import { auditQueries, sealAuditBatch } from '@rocu/persistence';
import { directDataSource } from './support/scratch-database';
import { PROJECT_ROOT } from '../scripts/lib/project-paths';
import { Stack } from './support/stack';
import { eventually, referralBody } from './support/referral-fixtures';

const execFileAsync = promisify(execFile);

const AUDIT_TABLES = ['audit_log', 'audit_chain', 'audit_seals'];

/** Changes the audit tables as their owner, bypassing the append-only triggers, as an insider with database access could. */
async function tamper(db: Pool, sql: string, params: unknown[] = []): Promise<void> {
  const client = await db.connect();
  try {
    for (const table of AUDIT_TABLES) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    await client.query(sql, params);
    for (const table of AUDIT_TABLES) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
  } finally {
    client.release();
  }
}

const verifyCli = (databaseUrl: string) =>
  execFileAsync(process.execPath, [join(PROJECT_ROOT, 'dist/scripts/verify-audit.js')], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });

interface Verification {
  ok: boolean;
  rows: number;
  firstBreak?: { id: string; reason: string };
  head: string | null;
  seals: number;
  unsealed: { rows: number; oldestAt: string | null };
}

/** A client acting as the services' role, as the API and worker connect. */
async function asApplication(databaseUrl: string): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl, options: '-c role=rocu_app' });
  await client.connect();
  return client;
}

const appendAs = (client: Client, action: string) =>
  client.query(
    `INSERT INTO audit_log (actor_sub, action, entity_type, outcome, details) VALUES ('test', $1, 'test', 'SUCCESS', '{}')`,
    [action],
  );

interface AuditItem {
  id: string;
  actorSub: string;
  action: string;
  outcome: string;
  entityId: string | null;
  details: Record<string, unknown>;
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

  const verify = async () => (await stack.http.get<Verification>('/audit/verify', auditor)).body;
  /** Verification once the sealer has chained everything appended so far. */
  const verifySealed = () =>
    eventually(async () => {
      const result = await verify();
      expect(result.unsealed.rows).toBe(0);
      return result;
    });

  it('records exactly the scripted actions, denials included, and only auditors may read them', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP', 'referrer-1');
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU', 'assessor-1');
    const outsider = await stack.token(['FORCE_REFERRER'], 'SYP', 'outsider-1');
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    await stack.http.get(`/referrals/${id}`, assessor);
    await stack.http.post(`/referrals/${id}/triage`, { decision: 'ACCEPT', reason: 'ok' }, assessor);
    // A refusal's audit row is written after its answer (it does not hold the response up): each is awaited
    // before the next request, so the trail's order is the requests' order.
    const deniedAudited = (count: number) =>
      eventually(async () => {
        const { rows } = await stack.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND outcome = 'DENIED'`,
          [id],
        );
        expect(rows[0].n).toBe(count);
      });
    expect((await stack.http.get(`/referrals/${id}`, outsider)).status).toBe(404);
    await deniedAudited(1);
    expect((await stack.http.post(`/referrals/${id}/withdraw`, { reason: 'x' }, outsider)).status).toBe(404);
    await deniedAudited(2);
    // A move the rules refuse (409) is a refusal too (domain.md §8: every refusal is audited, with its code).
    const again = await stack.http.post(`/referrals/${id}/triage`, { decision: 'ACCEPT', reason: 'ok' }, assessor);
    expect(again.status).toBe(409);

    const trail = await eventually(async () => {
      const page = await stack.http.get<{ items: AuditItem[] }>(`/audit?entityId=${id}&pageSize=200`, auditor);
      expect(page.body.items).toHaveLength(6);
      return page.body.items;
    });
    // Read again, the trail is the same: the auditor's reads of it are not part of it ...
    const reread = await stack.http.get<{ items: AuditItem[] }>(`/audit?entityId=${id}&pageSize=200`, auditor);
    expect(reread.body.items.map((item) => item.id)).toEqual(trail.map((item) => item.id));
    // ... and are found by asking for them: each names the record.
    const auditorReads = await stack.http.get<{ items: AuditItem[] }>(
      `/audit?entityId=${id}&action=AUDIT_VIEWED&pageSize=200`,
      auditor,
    );
    expect(auditorReads.body.items.length).toBeGreaterThan(0);
    for (const read of auditorReads.body.items) {
      expect(read).toMatchObject({ actorSub: 'auditor-1', details: { ids: expect.arrayContaining([id]) } });
    }
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
      ['assessor-1', 'HTTP_POST', 'DENIED'],
    ]);
    expect(trail[0].details).toMatchObject({ status: 409, code: 'NOT_ALLOWED_IN_STATE' });
    const byActor = await stack.http.get<{ items: AuditItem[] }>('/audit?actor=outsider-1', auditor);
    expect(byActor.body.items.length).toBeGreaterThan(0);
    expect(byActor.body.items.every((item) => item.outcome === 'DENIED')).toBe(true);

    expect((await stack.http.get('/audit', assessor)).status).toBe(403);
    expect((await stack.http.get(`/referrals/${id}`, auditor)).status).toBe(404); // auditors see the trail, not operational detail
    expect((await stack.http.get('/audit?from=yesterday', auditor)).status).toBe(400);
    // A probe spelt in capitals is found under the record's id.
    expect((await stack.http.get(`/referrals/${id.toUpperCase()}`, outsider)).status).toBe(404);
    await eventually(async () => {
      const probes = await stack.http.get<{ items: AuditItem[] }>(
        `/audit?entityId=${id}&actor=outsider-1&action=HTTP_GET`,
        auditor,
      );
      expect(probes.body.items).toHaveLength(2);
    });
    // A probe with an id Postgres cannot store (NUL) is refused and still audited.
    expect((await stack.http.get('/referrals/%00probe', outsider)).status).toBe(404);
    await eventually(async () => {
      const { rows: probes } = await stack.db.query(
        `SELECT entity_id FROM audit_log WHERE actor_sub = 'outsider-1' AND details->>'path' LIKE '%probe'`,
      );
      expect(probes).toEqual([{ entity_id: '\uFFFDprobe' }]);
    });
  });

  it('records which referrals a list showed, found when asking about any one of them', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP', 'referrer-2');
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    const listed = await stack.http.get<{ items: { id: string }[] }>('/referrals?pageSize=200', referrer);
    expect(listed.body.items.map((item) => item.id)).toContain(submitted.body.id);
    const reads = await stack.http.get<{ items: (AuditItem & { details: { ids: string[] } })[] }>(
      `/audit?entityId=${submitted.body.id.toUpperCase()}&action=REFERRALS_LISTED`, // any case names the record
      auditor,
    );
    expect(reads.body.items.map((item) => [item.actorSub, item.outcome])).toEqual([['referrer-2', 'SUCCESS']]);
    expect(reads.body.items[0].details.ids).toEqual(listed.body.items.map((item) => item.id));
  });

  it('finds by a referral the notices that named it and the refusals of requests naming it in the body or query', async () => {
    const referrer = await stack.token(['FORCE_REFERRER'], 'WYP', 'referrer-3');
    const submitted = await stack.http.post<{ id: string }>('/referrals', referralBody(), referrer);
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    // The gateway is told of the new referral: the assessor's inbox shows the notice and the referral it names.
    const assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU', 'inbox-reader-1');
    await eventually(async () => {
      const inbox = await stack.http.get<{ items: { referralId: string | null }[] }>('/notifications', assessor);
      expect(inbox.body.items.map((item) => item.referralId)).toContain(id);
    });
    // Another region's manager asks after it, by query and by body: each refused as a missing record would be.
    const stranger = await stack.token(['ROCU_MANAGER'], 'ERSOU', 'stranger-1');
    expect((await stack.http.get(`/officers?referralId=${id.toUpperCase()}`, stranger)).status).toBe(404);
    const aid = { referralId: id, lendingRegion: 'EMSOU', kind: 'SIO', reason: 'No SIO free with the right skills' };
    expect((await stack.http.post('/mutual-aid-requests', aid, stranger)).status).toBe(404);

    // The region's own auditor finds them all, the other region's manager's refusals too.
    const found = await stack.http.get<{ items: AuditItem[] }>(`/audit?entityId=${id}&pageSize=200`, auditor);
    expect(found.status).toBe(200);
    const byThem = found.body.items
      .filter((item) => ['inbox-reader-1', 'stranger-1'].includes(item.actorSub))
      .map((item) => [item.actorSub, item.action, item.outcome]);
    expect(byThem.sort()).toEqual([
      ['inbox-reader-1', 'NOTIFICATIONS_LISTED', 'SUCCESS'],
      ['stranger-1', 'HTTP_GET', 'DENIED'],
      ['stranger-1', 'HTTP_POST', 'DENIED'],
    ]);
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
    // Reading the anomalies is a read of the trail: audited with who was flagged.
    const { rows: viewed } = await stack.db.query(
      `SELECT actor_org AS org, details->'actors' AS actors FROM audit_log WHERE action = 'AUDIT_ANOMALIES_VIEWED' ORDER BY id`,
    );
    expect(viewed.map((row: { org: string }) => row.org)).toEqual(expect.arrayContaining(['YHROCU', 'SYP']));
    expect(viewed.some((row: { actors: string[] }) => row.actors.includes('scope-prober'))).toBe(true);
  });

  it("counts a read followed only by other reads (the candidates list, the plan) as outside the reader's own work", async () => {
    const stats = directDataSource(stack.databaseUrl);
    await stats.initialize();
    try {
      const referral = randomUUID();
      const rows = [
        ['curious-1', 'REFERRAL_VIEWED'],
        ['curious-1', 'OFFICERS_LISTED'],
        ['curious-1', 'PLAN_VIEWED'],
        ['worker-1', 'REFERRAL_VIEWED'],
        ['worker-1', 'REFERRAL_TRIAGE'],
      ];
      for (const [actor, action] of rows) {
        await stack.db.query(
          `INSERT INTO audit_log (actor_sub, actor_org, action, entity_type, entity_id, outcome, details)
           VALUES ($1, 'YHROCU', $2, 'referral', $3, 'SUCCESS', '{}')`,
          [actor, action, referral],
        );
      }
      const window = [new Date(Date.now() - 60_000).toISOString(), new Date(Date.now() + 60_000).toISOString()];
      const found = await auditQueries.accessStats(stats, null, window[0], window[1]);
      const outside = (sub: string) => found.find((row) => row.actorSub === sub)?.readsOutsideOwnWork;
      expect({ curious: outside('curious-1'), worker: outside('worker-1') }).toEqual({ curious: 1, worker: 0 });
    } finally {
      await stats.destroy();
    }
  });

  it('is only read and appended by the role the services act as', async () => {
    const asApp = await asApplication(stack.databaseUrl);
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
      // The database, not the caller, numbers and times a row and records its transaction.
      for (const column of ['id', 'at', 'txid']) {
        await expect(
          asApp.query(
            `INSERT INTO audit_log (actor_sub, action, entity_type, outcome, ${column})
             SELECT 'test', 'TEST', 'test', 'SUCCESS', ${column} FROM audit_log LIMIT 1`,
          ),
        ).rejects.toThrow(/permission denied|cannot insert/);
      }
      for (const table of ['audit_chain', 'audit_seals']) {
        await expect(asApp.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
        await expect(asApp.query(`UPDATE ${table} SET id = id`)).rejects.toThrow(/permission denied/);
      }
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
    await expect(stack.db.query(`DELETE FROM audit_chain`)).rejects.toThrow(/append-only/);
    await expect(stack.db.query(`UPDATE audit_seals SET head = head`)).rejects.toThrow(/append-only/);

    const clean = await verifySealed();
    expect(clean).toMatchObject({ ok: true, unsealed: { rows: 0, oldestAt: null } });
    expect(clean.rows).toBeGreaterThan(5);
    expect(clean.seals).toBeGreaterThan(0);
    expect(clean.head).toMatch(/^[0-9a-f]{64}$/);
    const chained = await stack.db.query('SELECT count(*)::int AS n FROM audit_chain');
    expect(chained.rows[0].n).toBe(clean.rows);

    const cli = await verifyCli(stack.databaseUrl);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true });

    const { rows } = await stack.db.query<{ id: string }>('SELECT id FROM audit_chain ORDER BY seq LIMIT 1 OFFSET 2');
    const modified = rows[0].id;
    await tamper(stack.db, `UPDATE audit_log SET details = '{"tampered": true}' WHERE id = $1`, [modified]);
    expect((await verify()).firstBreak).toEqual({ id: modified, reason: 'CONTENT_CHANGED' });
    await expect(verifyCli(stack.databaseUrl)).rejects.toMatchObject({ code: 1 });
  });

  it('detects deleted and reordered rows, a rewritten chain, and a row slipped in behind the sealer', async () => {
    // A fresh stack keeps this independent of the previous tampering.
    const fresh = await Stack.start();
    try {
      const referrer = await fresh.token(['FORCE_REFERRER'], 'WYP');
      for (let index = 0; index < 7; index++) await fresh.http.post('/referrals', referralBody(), referrer);
      const freshAuditor = await fresh.token(['AUDITOR'], 'YHROCU');
      const check = async () => (await fresh.http.get<Verification>('/audit/verify', freshAuditor)).body;
      await eventually(async () => expect(await check()).toMatchObject({ ok: true, unsealed: { rows: 0 } }));

      // A row inserted with an old transaction id, where the sealer has already been, is under no seal.
      await tamper(
        fresh.db,
        `INSERT INTO audit_log (actor_sub, action, entity_type, outcome, txid) VALUES ('insider', 'X', 'x', 'SUCCESS', '1')`,
      );
      const behind = await fresh.db.query<{ id: string }>(`SELECT id FROM audit_log WHERE actor_sub = 'insider'`);
      expect((await check()).firstBreak).toEqual({ id: behind.rows[0].id, reason: 'NOT_SEALED' });
      await tamper(fresh.db, `DELETE FROM audit_log WHERE actor_sub = 'insider'`);
      expect((await check()).ok).toBe(true);

      const ids = (await fresh.db.query<{ id: string }>('SELECT id FROM audit_chain ORDER BY seq')).rows.map(
        (row) => row.id,
      );
      expect(ids.length).toBeGreaterThan(5);

      // Swapping two rows' places in the chain: each entry's hash covers its row's id, so the first one breaks.
      await tamper(fresh.db, `UPDATE audit_chain SET id = -id WHERE id IN ($1, $2)`, [ids[4], ids[5]]);
      await tamper(fresh.db, `UPDATE audit_chain SET id = CASE id WHEN -$1::bigint THEN $2 ELSE $1 END WHERE id < 0`, [
        ids[4],
        ids[5],
      ]);
      expect((await check()).firstBreak).toEqual({ id: ids[5], reason: 'CONTENT_CHANGED' });

      // An earlier break is reported first: a deleted row, then its chain entry deleted as well.
      await tamper(fresh.db, 'DELETE FROM audit_log WHERE id = $1', [ids[2]]);
      expect((await check()).firstBreak).toEqual({ id: ids[2], reason: 'ROW_MISSING' });
      await tamper(fresh.db, 'DELETE FROM audit_chain WHERE id = $1', [ids[2]]);
      expect((await check()).firstBreak).toEqual({ id: ids[3], reason: 'CHAIN_BROKEN' });
    } finally {
      await fresh.stop();
    }
  });

  it('needs the seal key: a chain rewritten consistently after an edit fails at its seal', async () => {
    const fresh = await Stack.start();
    try {
      const referrer = await fresh.token(['FORCE_REFERRER'], 'WYP');
      await fresh.http.post('/referrals', referralBody(), referrer);
      const freshAuditor = await fresh.token(['AUDITOR'], 'YHROCU');
      const check = async () => (await fresh.http.get<Verification>('/audit/verify', freshAuditor)).body;
      await eventually(async () => expect(await check()).toMatchObject({ ok: true, unsealed: { rows: 0 } }));
      const [first] = (await fresh.db.query<{ id: string }>('SELECT id FROM audit_chain ORDER BY seq LIMIT 1')).rows;
      // An insider edits a row and recomputes every later hash and every seal's head: only the signatures differ.
      await tamper(
        fresh.db,
        `UPDATE audit_log SET outcome = 'DENIED' WHERE id = $1;
         DO $$
         DECLARE
           entry record;
           previous text := repeat('0', 64);
           hashed text;
         BEGIN
           FOR entry IN SELECT c.seq, a AS row FROM audit_chain c JOIN audit_log a ON a.id = c.id ORDER BY c.seq LOOP
             hashed := encode(sha256(convert_to(entry.seq::text || '|' || audit_log_row_content(entry.row) || '|' || previous, 'UTF8')), 'hex');
             UPDATE audit_chain SET prev_hash = previous, hash = hashed WHERE seq = entry.seq;
             UPDATE audit_seals SET head = hashed WHERE last_seq = entry.seq;
             previous := hashed;
           END LOOP;
         END $$;`.replace('$1', first.id),
      );
      const result = await check();
      expect(result.ok).toBe(false);
      expect(result.firstBreak?.reason).toBe('SEAL_INVALID');
    } finally {
      await fresh.stop();
    }
  });

  it('reports the unsealed tail, and seals a row whose transaction commits after later rows, exactly once', async () => {
    const fresh = await Stack.start();
    const late = await asApplication(fresh.databaseUrl);
    const sealer = directDataSource(fresh.databaseUrl);
    await sealer.initialize();
    const writers = await Promise.all(Array.from({ length: 8 }, () => asApplication(fresh.databaseUrl)));
    try {
      const freshAuditor = await fresh.token(['AUDITOR'], 'YHROCU');
      const check = async () => (await fresh.http.get<Verification>('/audit/verify', freshAuditor)).body;
      await appendAs(late, 'FIRST');
      await eventually(async () => expect(await check()).toMatchObject({ seals: 1, unsealed: { rows: 0 } }));
      // A transaction takes an id and stays open while later rows commit.
      await late.query('BEGIN');
      await appendAs(late, 'LATE');
      await Promise.all(
        writers.map(async (writer, lane) => {
          for (let index = 0; index < 25; index++) {
            if ((index + lane) % 3 === 0) {
              // Some rows commit late inside their own transactions, so commits interleave out of id order.
              await writer.query('BEGIN');
              await appendAs(writer, 'CONCURRENT');
              await writer.query('SELECT pg_sleep(0.01)');
              await writer.query('COMMIT');
            } else {
              await appendAs(writer, 'CONCURRENT');
            }
          }
        }),
      );
      // Nothing after the open transaction's row may be sealed yet: a seal now takes none of the 200 committed rows.
      expect(await sealAuditBatch(sealer, DEV_AUDIT_SEAL_KEY, 1000)).toEqual({ rows: 0, complete: true });
      const open = await check();
      expect(open).toMatchObject({ ok: true, seals: 1, unsealed: { rows: 200 } });
      expect(open.unsealed.oldestAt).not.toBeNull();
      await late.query('COMMIT');
      const sealed = await eventually(async () => {
        const result = await check();
        expect(result.unsealed.rows).toBe(0);
        return result;
      });
      expect(sealed.ok).toBe(true);
      const { rows } = await fresh.db.query<{ id: string; seal: string; action: string }>(
        `SELECT c.id, s.id AS seal, a.action FROM audit_chain c JOIN audit_log a ON a.id = c.id
           JOIN audit_seals s ON c.seq BETWEEN s.first_seq AND s.last_seq ORDER BY c.seq`,
      );
      expect(rows).toHaveLength(sealed.rows);
      expect(rows.filter((row) => row.action === 'CONCURRENT')).toHaveLength(200);
      expect(rows.filter((row) => row.action === 'LATE')).toHaveLength(1);
      expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
      // Within each seal's batch, rows are chained in id order.
      rows.forEach((row, index) => {
        const previous = rows[index - 1];
        if (previous && previous.seal === row.seal) expect(Number(row.id)).toBeGreaterThan(Number(previous.id));
      });
    } finally {
      await late.end();
      await sealer.destroy();
      await Promise.all(writers.map((writer) => writer.end()));
      await fresh.stop();
    }
  });

  it('keeps sealing past its tenth seal (the last seal is found by number, not by the text of its id)', async () => {
    const fresh = await Stack.start();
    const writer = await asApplication(fresh.databaseUrl);
    try {
      const freshAuditor = await fresh.token(['AUDITOR'], 'YHROCU');
      const check = async () => (await fresh.http.get<Verification>('/audit/verify', freshAuditor)).body;
      // One row a round, sealed before the next is written: each round is a seal of its own.
      for (let round = 1; round <= 12; round++) {
        await appendAs(writer, `ROUND_${round}`);
        await eventually(async () => expect(await check()).toMatchObject({ unsealed: { rows: 0 } }));
      }
      const verification = await check();
      expect(verification).toMatchObject({ ok: true, unsealed: { rows: 0 } });
      expect(verification.seals).toBeGreaterThanOrEqual(12);
    } finally {
      await writer.end();
      await fresh.stop();
    }
  });
});
