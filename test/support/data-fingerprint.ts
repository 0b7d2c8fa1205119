import type { Pool } from 'pg';

/**
 * A content fingerprint of every table the application writes: row count and an md5 of the rows, per table.
 * Two equal fingerprints mean no row was added, changed or removed in between. Audit rows recording a
 * refusal (outcome DENIED) are left out on purpose: issue 6 asks for refusals to be audited, so writing one
 * is not "touching data". The audit sealer's tables (`audit_chain`, `audit_seals`) are left out too: the sealer
 * fills them from `audit_log` in the background, on its own clock, so they change after any audited request.
 */
export type Fingerprint = Record<string, string>;

const SEALER_TABLES = ['audit_chain', 'audit_seals'];

let tablesQuery: Promise<string> | undefined;

async function buildQuery(db: Pool): Promise<string> {
  const { rows } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> ALL($1::text[])
      ORDER BY table_name`,
    [SEALER_TABLES],
  );
  return rows
    .map(({ table_name: table }) => {
      const where = table === 'audit_log' ? ` WHERE t.outcome <> 'DENIED'` : '';
      return `SELECT '${table}' AS name, count(*)::int AS n,
                coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') AS digest
              FROM "${table}" t${where}`;
    })
    .join('\nUNION ALL\n');
}

export async function dataFingerprint(db: Pool): Promise<Fingerprint> {
  tablesQuery ??= buildQuery(db);
  const { rows } = await db.query<{ name: string; n: number; digest: string }>(await tablesQuery);
  return Object.fromEntries(rows.map((row) => [row.name, `${row.n} rows, ${row.digest}`]));
}

/** Waits until background work (workflow activities) has stopped writing: two equal fingerprints in a row. */
export async function settledFingerprint(db: Pool, intervalMs = 150, timeoutMs = 10_000): Promise<Fingerprint> {
  const deadline = Date.now() + timeoutMs;
  let previous = await dataFingerprint(db);
  while (Date.now() < deadline) {
    await new Promise((wake) => setTimeout(wake, intervalMs));
    const current = await dataFingerprint(db);
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    previous = current;
  }
  return previous;
}

/** Every key at any depth of a JSON value (to show that no polluted key leaks into responses). */
export function keysDeep(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) keysDeep(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.add(key);
      keysDeep(item, into);
    }
  }
  return into;
}
