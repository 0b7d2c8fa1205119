import type { EntityManager } from 'typeorm';
import type { ReferralStatus } from '@rocu/domain';
import type { Recorder } from './referral-projection-repository';
import type { Queryable } from './queryable';

/** A referral row as JSON, column by column (for comparing it before and after a rebuild). */
export interface ReferralRowJson {
  row: Record<string, unknown>;
}

/** One history row as the workflow recorded it. */
export interface RecordedHistoryRow {
  seq: number;
  from: ReferralStatus | null;
  to: ReferralStatus;
  action: string;
  actor: Recorder;
  reason?: string;
  at: string;
}

/**
 * The SQL of a referral projection's rebuild from its workflow: one statement per method, in the caller's
 * transaction (or on its DataSource); the caller decides the order.
 */
export const referralRebuildRepository = {
  async referralExists(queryable: Queryable, referralId: string): Promise<boolean> {
    const [existing] = await queryable.query<unknown[]>(`SELECT 1 FROM referrals WHERE id = $1`, [referralId]);
    return Boolean(existing);
  },

  /** The referral's row, locked until the caller's transaction ends. */
  async lockReferral(manager: EntityManager, referralId: string): Promise<ReferralRowJson> {
    const [before] = await manager.query<ReferralRowJson[]>(
      `SELECT to_jsonb(r) AS row FROM referrals r WHERE id = $1 FOR UPDATE`,
      [referralId],
    );
    return before;
  },

  /** Writes the rows that are missing or differ; how many it wrote. */
  async upsertHistory(
    manager: EntityManager,
    referralId: string,
    rows: readonly RecordedHistoryRow[],
  ): Promise<number> {
    const column = <T>(pick: (row: RecordedHistoryRow) => T): T[] => rows.map(pick);
    const written = await manager.query<unknown[]>(
      `INSERT INTO referral_history AS h (referral_id, seq, from_status, to_status, action, actor_sub, actor_name, actor_org, reason, at)
     SELECT $1::uuid, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::text[], $10::timestamptz[])
     ON CONFLICT (referral_id, seq) DO UPDATE SET from_status = EXCLUDED.from_status, to_status = EXCLUDED.to_status,
       action = EXCLUDED.action, actor_sub = EXCLUDED.actor_sub, actor_name = EXCLUDED.actor_name,
       actor_org = EXCLUDED.actor_org, reason = EXCLUDED.reason, at = EXCLUDED.at
     WHERE (h.from_status, h.to_status, h.action, h.actor_sub, h.actor_name, h.actor_org, h.reason, h.at)
       IS DISTINCT FROM (EXCLUDED.from_status, EXCLUDED.to_status, EXCLUDED.action, EXCLUDED.actor_sub,
         EXCLUDED.actor_name, EXCLUDED.actor_org, EXCLUDED.reason, EXCLUDED.at)
     RETURNING seq`,
      [
        referralId,
        column((row) => row.seq),
        column((row) => row.from),
        column((row) => row.to),
        column((row) => row.action),
        column((row) => row.actor.sub),
        column((row) => row.actor.name),
        column((row) => row.actor.org),
        column((row) => row.reason ?? null),
        column((row) => row.at),
      ],
    );
    return written.length;
  },

  /** Removes the history rows of other sequence numbers; how many it removed. */
  async removeHistoryExcept(manager: EntityManager, referralId: string, seqs: number[]): Promise<number> {
    const [removed] = await manager.query<[unknown[], number]>(
      `DELETE FROM referral_history WHERE referral_id = $1 AND seq <> ALL($2::int[]) RETURNING seq`,
      [referralId, seqs],
    );
    return removed.length;
  },

  /** Sets the given columns of the referral's row; returns the row as Postgres now holds it. */
  async updateReferral<S extends object>(
    manager: EntityManager,
    referralId: string,
    state: S,
  ): Promise<Record<string, unknown>> {
    const columns = Object.keys(state) as (keyof S & string)[];
    const [[row]] = await manager.query<[ReferralRowJson[], number]>(
      `UPDATE referrals SET ${columns.map((column, index) => `${column} = $${index + 2}`).join(', ')}
      WHERE id = $1 RETURNING to_jsonb(referrals) AS row`,
      [referralId, ...columns.map((column) => state[column])],
    );
    return row.row;
  },

  /** The referral's deadline rows of these stages, each as JSON text. */
  async deadlineRowsOf(manager: EntityManager, referralId: string, stages: string[]): Promise<string[]> {
    const rows = await manager.query<{ row: string }[]>(
      `SELECT to_jsonb(d)::text AS row FROM referral_deadlines d WHERE referral_id = $1 AND stage = ANY($2::text[])`,
      [referralId, stages],
    );
    return rows.map((row) => row.row);
  },

  /** All the referral's deadline rows, each as JSON text. */
  async deadlineRows(manager: EntityManager, referralId: string): Promise<string[]> {
    const rows = await manager.query<{ row: string }[]>(
      `SELECT to_jsonb(d)::text AS row FROM referral_deadlines d WHERE referral_id = $1`,
      [referralId],
    );
    return rows.map((row) => row.row);
  },

  /** Removes the deadlines of other stages; how many it removed. */
  async removeDeadlinesExcept(manager: EntityManager, referralId: string, stages: string[]): Promise<number> {
    const [removed] = await manager.query<[unknown[], number]>(
      `DELETE FROM referral_deadlines WHERE referral_id = $1 AND stage <> ALL($2::text[]) RETURNING stage`,
      [referralId, stages],
    );
    return removed.length;
  },
};
