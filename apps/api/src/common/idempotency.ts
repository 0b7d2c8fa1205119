import { createHash } from 'node:crypto';
import { applyDecorators, createParamDecorator, ExecutionContext, Injectable, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AppConfig } from '@rocu/config';
import { ApiProblemResponse } from './api-problems';
import { httpStatusOf } from './domain-error-status';
import { KeyedBodyValidation } from './keyed-body-validation';
import { DomainError } from '@rocu/domain';
import {
  claimIdempotencyKey,
  type KeyClaim,
  rebindIdempotencyKey,
  recordIdempotentOutcome,
  releaseIdempotencyKey,
  requestFingerprint,
} from '@rocu/persistence';

export const IDEMPOTENCY_KEY_HEADER = applyDecorators(
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      '8-255 visible characters. A repeat with the same key and the same body answers with the first outcome ' +
      'instead of applying again; the same key with a different body is refused (422) once the key has taken effect.',
  }),
  ApiProblemResponse(422, 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key already did something with another body'),
);

const keyHeader = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<Request>().headers['idempotency-key'] as string | undefined,
);

/**
 * The Idempotency-Key header, or undefined. It brings its route KeyedBodyValidation, which refuses a bad key (with
 * the body's errors) before the parameters are read, so every keyed route judges its key the same way.
 */
export const IdempotencyKey =
  (): ParameterDecorator =>
  (target, method, index): void => {
    const handler = method === undefined ? undefined : Object.getOwnPropertyDescriptor(target, method);
    if (method === undefined || handler === undefined) throw new Error('@IdempotencyKey() belongs on a route handler');
    keyHeader()(target, method, index);
    UseInterceptors(KeyedBodyValidation)(target, method, handler);
  };

/** The Temporal Update id for a person's keyed change: keys are per person, so two people's never meet. */
export const keyedUpdateId = (kind: string, actor: { org: string; sub: string }, key: string): string =>
  `${kind}-${createHash('sha256').update(`${actor.org}\u0000${actor.sub}\u0000${key}`).digest('hex')}`;

const keyReused = () =>
  new DomainError(
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was first used with a different request; send a new key for a new request.',
  );

/** How long after its first use a key may still have a request in flight: the Update deadline, and a margin. */
const IN_FLIGHT_MARGIN_MS = 10_000;

/**
 * Remembers what each Idempotency-Key was first used for (in Postgres, so it outlives a workflow run): the
 * same key with a different request is refused, whoever sends it first.
 */
@Injectable()
export class IdempotencyService {
  private readonly quietMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.quietMs = config.TEMPORAL_UPDATE_TIMEOUT_MS + IN_FLIGHT_MARGIN_MS;
  }

  /**
   * Claims `keyId` for the request with this `fingerprint`. A key first used with another request is refused if
   * that one took effect; one that made nothing (it failed: Temporal was down, a rule refused it) does not bind the
   * key for good: it passes to this request, so a client that edits what it sends after a failure can still send it.
   */
  private async claim<T>(keyId: string, fingerprint: string, tookEffect: () => Promise<boolean>): Promise<KeyClaim<T>> {
    const claim = await claimIdempotencyKey<T>(this.dataSource.manager, keyId, fingerprint);
    if (claim.kind !== 'DIFFERENT') return claim;
    if (claim.settled || (await tookEffect())) throw keyReused();
    // The first request may still be on its way: only a quiet key passes on.
    const rebound = await rebindIdempotencyKey(
      this.dataSource.manager,
      keyId,
      claim.fingerprint,
      fingerprint,
      this.quietMs,
    );
    if (!rebound) {
      throw new DomainError(
        'UNAVAILABLE',
        'The first request with this Idempotency-Key may still be in progress; retry shortly',
      );
    }
    return { kind: 'NEW' };
  }

  /** Refuses `keyId` as `claim` does; the caller's own dedupe (a workflow id from the key) does the rest. */
  async refuseChangedRequest(keyId: string, request: unknown, tookEffect: () => Promise<boolean>): Promise<void> {
    await this.claim(keyId, requestFingerprint(request), tookEffect);
  }

  /**
   * Runs `apply` once per key: a repeat of the same request answers with the recorded outcome, or, when the
   * first one's answer was lost, applies again with `repeat` true (the caller's own dedupe, a Temporal Update
   * id from the key, then answers with what the first made).
   */
  async once<T>(
    keyId: string | undefined,
    request: unknown,
    tookEffect: () => Promise<boolean>,
    apply: (repeat: boolean) => Promise<T>,
  ): Promise<T> {
    if (keyId === undefined) return apply(false);
    const fingerprint = requestFingerprint(request);
    const claim = await this.claim<T>(keyId, fingerprint, tookEffect);
    if (claim.kind === 'SAME' && claim.outcome !== null) return claim.outcome;
    let outcome: T;
    try {
      outcome = await apply(claim.kind === 'SAME');
    } catch (error) {
      // A refusal (a rule, or the workflow's validator) applied nothing: the key is free for the corrected request.
      // Only the request that claimed the key frees it: a repeat refused while the first may still be in flight
      // (its effect already in the read model, its outcome not yet recorded) must not drop the first's claim.
      if (claim.kind === 'NEW' && error instanceof DomainError && httpStatusOf(error.code) < 500) {
        await releaseIdempotencyKey(this.dataSource.manager, keyId, fingerprint);
      }
      throw error;
    }
    await recordIdempotentOutcome(this.dataSource.manager, keyId, fingerprint, outcome);
    return outcome;
  }
}
