import type { Stack } from './stack';

/** How many notifications of a kind each referral has (0 when none), in the order of the ids. */
export async function notificationCounts(stack: Stack, ids: string[], kind: string): Promise<number[]> {
  const { rows } = await stack.db.query<{ id: string; n: number }>(
    `SELECT r.id, count(n.id)::int AS n FROM unnest($1::uuid[]) AS r(id)
       LEFT JOIN notifications n ON n.referral_id = r.id AND n.kind = $2 GROUP BY r.id`,
    [ids, kind],
  );
  const byId = new Map(rows.map((row) => [row.id, row.n]));
  return ids.map((id) => byId.get(id) ?? 0);
}
