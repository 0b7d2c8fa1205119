import { isDeepStrictEqual } from 'node:util';
import { ApiProblemError } from '../errors/api-problem';

/** The bodies sent under one Idempotency-Key, oldest first: any whose answer was lost may have taken effect. */
export type SentBodies = readonly unknown[];

/** The body as JSON sends and stores it (absent answers left out), so a stored body compares with a new one. */
const asSent = (body: unknown): unknown => JSON.parse(JSON.stringify(body));

const isSent = (sent: SentBodies, body: unknown): boolean =>
  sent.some((earlier) => isDeepStrictEqual(earlier, asSent(body)));

/** `sent` with `body` added (once): called before sending, so a lost answer still leaves the body on record. */
export const withSent = (sent: SentBodies = [], body: unknown): SentBodies =>
  isSent(sent, body) ? sent : [...sent, asSent(body)];

const keyReused = (error: unknown): boolean =>
  error instanceof ApiProblemError && error.status === 422 && error.problem.code === 'IDEMPOTENCY_KEY_REUSED';

/** An earlier body the API refuses on its merits (400, 409, 422) made nothing: look further back. */
const refusedOnItsMerits = (error: unknown): boolean =>
  error instanceof ApiProblemError && [400, 409, 422].includes(error.status);

/**
 * Sends `body` under the form's Idempotency-Key. The API refuses the key (422 IDEMPOTENCY_KEY_REUSED) only
 * when an earlier send with another body took effect although its answer was lost (a timeout), and the
 * person changed the form since. The earlier body that took effect, sent again, answers with what it made;
 * `earlier` tells the caller the person's later changes were not sent.
 */
export async function sendKeyed<T>(
  send: (body: unknown) => Promise<T>,
  body: unknown,
  sent: SentBodies,
): Promise<{ answer: T; earlier: boolean }> {
  try {
    return { answer: await send(body), earlier: false };
  } catch (refusal) {
    if (!keyReused(refusal)) throw refusal;
    for (const earlier of [...sent].reverse()) {
      if (isSent([earlier], body)) continue;
      try {
        return { answer: await send(earlier), earlier: true };
      } catch (error) {
        if (!refusedOnItsMerits(error)) throw error;
      }
    }
    throw refusal;
  }
}
