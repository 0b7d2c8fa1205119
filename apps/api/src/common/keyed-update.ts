import type { Actor } from '@rocu/domain';
import { TemporalClientService } from '../temporal/temporal-client.provider';
import { IdempotencyService, keyedUpdateId } from './idempotency';

/** A request's Idempotency-Key and the body it came with (what a repeat must match). */
export interface KeyedRequest {
  key: string;
  body: unknown;
}

export const keyedRequest = (key: string | undefined, body: unknown): KeyedRequest | undefined =>
  key === undefined ? undefined : { key, body };

/** Where a keyed Update goes: its record (for the key's row), its workflow and its kind (for the Update id). */
export interface KeyedUpdateTarget {
  record: string;
  workflowId: string;
  kind: string;
  /** For a workflow that continues as new: whether an earlier run applied the Update (Temporal forgets its id). */
  appliedInEarlierRun?: (updateId: string) => Promise<boolean>;
}

/**
 * Sends a person's keyed change once: the key makes the Temporal Update id, so a repeat is that Update again. A
 * repeat whose Update completed is answered with its outcome before `send` (and the checks it makes) runs: the
 * record has moved on since, and may have left the person's sight (an NCA return). `send` is told when it sends a
 * repeat (one Temporal did not answer: its Update may be in an earlier run of a workflow that continued as new), so
 * that it leaves to the workflow what only the first request could pass (a version since moved on). The Update id is
 * the person's own (organisation, person and key), so it tells nobody else anything.
 */
export function sendKeyedUpdate<R>(
  idempotency: IdempotencyService,
  temporal: TemporalClientService,
  target: KeyedUpdateTarget,
  actor: Actor,
  keyed: KeyedRequest,
  send: (updateId: string, repeat: boolean) => Promise<R>,
): Promise<R> {
  const updateId = keyedUpdateId(target.kind, actor, keyed.key);
  const completed = async () =>
    (await temporal.updateCompleted(target.workflowId, updateId)) ||
    ((await target.appliedInEarlierRun?.(updateId)) ?? false);
  return idempotency.once(`${target.record}:${updateId}`, keyed.body, completed, async (repeat) => {
    const earlier = repeat ? await temporal.completedUpdate<R>(target.workflowId, updateId) : undefined;
    return earlier ? earlier.result : send(updateId, repeat);
  });
}
