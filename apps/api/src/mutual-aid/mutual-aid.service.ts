import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  Actor,
  DomainError,
  LIVE_TASKING_STATUSES,
  MutualAidAction,
  mutualAidActionDone,
  mutualAidActions,
  mutualAidSide,
  MutualAidState,
  mutualAidNotFound,
  mutualAidTransition,
  SioLoan,
} from '@rocu/domain';
import {
  appendActorAudit,
  enqueueNotification,
  mutualAidRequests,
  MutualAidRow,
  type Recipient,
  type ReferralEntity,
} from '@rocu/persistence';
import { IdempotencyService, keyedUpdateId } from '../common/idempotency';
import { KeyedRequest, keyedRequest } from '../common/keyed-update';
import { idForKey } from '../common/keyed-id';
import { PageQuery } from '../common/page.query';
import { OfficersService } from '../officers/officers.service';
import { ReferralQueriesService } from '../referrals/referral-queries.service';
import { idsShown } from '../audit/read-audit';
import { CreateMutualAidRequest, MutualAidDecisionRequest, WithdrawMutualAidRequest } from './mutual-aid-requests.dto';
import { MutualAidListResponse, MutualAidRequestDto } from './mutual-aid-views.dto';

const AUDIT_ACTION: Readonly<Record<MutualAidAction, string>> = {
  APPROVE: 'MUTUAL_AID_APPROVED',
  REFUSE: 'MUTUAL_AID_REFUSED',
  WITHDRAW: 'MUTUAL_AID_WITHDRAWN',
};

/** The moves each kind of Idempotency-Key covers: a decision's key is one whichever way it went. */
const KIND_ACTIONS: Readonly<Record<'decision' | 'withdrawal', readonly MutualAidAction[]>> = {
  decision: ['APPROVE', 'REFUSE'],
  withdrawal: ['WITHDRAW'],
};

interface Move {
  action: MutualAidAction;
  reason: string | null;
  correlationId: string;
}

const invalid = (field: string, code: string, message: string) =>
  new DomainError('VALIDATION', message, { errors: [{ field, code, message }] });

/** Mutual aid is asked of another region, for a live tasking. */
function askable(referral: Pick<ReferralEntity, 'region' | 'status'>, body: CreateMutualAidRequest): void {
  if (body.lendingRegion === referral.region) {
    throw invalid('lendingRegion', 'own_region', 'lendingRegion must be another region than the tasking’s own');
  }
  if (!(LIVE_TASKING_STATUSES as readonly string[]).includes(referral.status)) {
    throw new DomainError(
      'NOT_ALLOWED_IN_STATE',
      `Mutual aid is for a live tasking; this referral is ${referral.status}.`,
      {
        state: referral.status,
        allowedActions: [],
      },
    );
  }
}

/**
 * Mutual aid between ROCUs (issue 16): a request is a row with its state; each change is one conditional
 * UPDATE and its audit row in one transaction (no deadline or timer hangs on a request, so it needs no
 * workflow). An approved SIO loan lets the borrowing region allocate that SIO to that tasking only.
 */
@Injectable()
export class MutualAidService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly referrals: ReferralQueriesService,
    private readonly officers: OfficersService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * The ROCU manager of a live tasking's region asks another region; a tasking they may not see is 404. With an
   * Idempotency-Key the request's id is the key's, so a repeat answers with the request it made (as first
   * answered, or as it now stands if that answer was never recorded) instead of making a second.
   */
  async request(
    actor: Actor,
    body: CreateMutualAidRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<MutualAidRequestDto> {
    const referral = await this.referrals.findVisible(actor, body.referralId);
    if (!actor.roles.includes('ROCU_MANAGER') || actor.region !== referral.region) {
      throw new DomainError('ROLE_NOT_ALLOWED', "Only a ROCU manager of the tasking's region may ask for mutual aid.");
    }
    const id = idForKey(actor, idempotencyKey, 'mutual-aid');
    const made = () => mutualAidRequests.find(this.dataSource.manager, id);
    const keyId = idempotencyKey === undefined ? undefined : `mutual-aid:${id}`;
    const tookEffect = async () => (await made()) !== undefined;
    return this.idempotency.once(keyId, body, tookEffect, async () => {
      // Looked for on every keyed send, not only a repeat: a key whose record was pruned still makes this id.
      const earlier = keyId === undefined ? undefined : await made();
      if (earlier) return this.view(actor, earlier);
      askable(referral, body);
      await this.dataSource.transaction((manager) => this.insert(manager, actor, id, referral, body, correlationId));
      return this.view(actor, await this.find(this.dataSource.manager, id));
    });
  }

  /** The request, its audit row and the lending region's notice; a concurrent repeat that made it first wins. */
  private async insert(
    manager: EntityManager,
    actor: Actor,
    id: string,
    referral: Pick<ReferralEntity, 'id' | 'region'>,
    body: CreateMutualAidRequest,
    correlationId: string,
  ): Promise<void> {
    const { lendingRegion, kind, reason } = body;
    const capability = body.capability ?? null;
    const inserted = await mutualAidRequests.insert(manager, {
      id,
      referralId: referral.id,
      borrowingRegion: referral.region,
      lendingRegion,
      kind,
      capability,
      reason,
      requestedBy: actor,
    });
    if (!inserted) return;
    const details = { referralId: referral.id, ids: [referral.id], lendingRegion, kind, capability, reason };
    await this.audit(manager, actor, 'MUTUAL_AID_REQUESTED', id, correlationId, details);
    const request = { id, kind, borrowingRegion: referral.region, lendingRegion, requestedBySub: actor.sub };
    await this.notify(manager, 'REQUESTED', request);
  }

  /** Both sides' requests, newest first: those the caller's region asked for and those it was asked for. */
  async list(actor: Actor, page: PageQuery, correlationId: string): Promise<MutualAidListResponse> {
    const region = actor.roles.includes('ROCU_MANAGER') ? actor.region : null;
    const [rows, total] = await Promise.all([
      mutualAidRequests.pageOfRegion(this.dataSource, region, page.pageSize, (page.page - 1) * page.pageSize),
      mutualAidRequests.countOfRegion(this.dataSource, region),
    ]);
    await this.audit(this.dataSource.manager, actor, 'MUTUAL_AID_LISTED', null, correlationId, {
      ids: idsShown(rows),
      total,
    });
    return { items: rows.map((row) => this.view(actor, row)), total, page: page.page, pageSize: page.pageSize };
  }

  /** The lending region's manager decides: an SIO loan names the SIO lent (one of theirs); a refusal says why. */
  async decide(
    actor: Actor,
    id: string,
    body: MutualAidDecisionRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<MutualAidRequestDto> {
    const keyed = keyedRequest(idempotencyKey, body);
    const move = { action: body.decision, reason: body.reason ?? null, correlationId };
    return this.change(actor, id, move, 'decision', keyed, async (row) => {
      if (body.decision === 'REFUSE') return null;
      if (row.kind !== 'SIO') {
        if (body.officerSub !== undefined)
          throw invalid('officerSub', 'not_allowed', 'officerSub is only for an SIO request');
        return null;
      }
      if (body.officerSub === undefined) {
        throw invalid('officerSub', 'required', 'officerSub must name the SIO lent to approve an SIO request');
      }
      const officer = await this.officers.find(body.officerSub);
      if (officer?.role !== 'SIO' || officer.region !== row.lendingRegion) {
        throw invalid('officerSub', 'unknown_officer', 'officerSub must name an SIO of your region (GET /officers)');
      }
      return { sub: officer.sub, name: officer.name };
    });
  }

  async withdraw(
    actor: Actor,
    id: string,
    body: WithdrawMutualAidRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<MutualAidRequestDto> {
    const keyed = keyedRequest(idempotencyKey, body);
    const move = { action: 'WITHDRAW' as const, reason: body.reason, correlationId };
    return this.change(actor, id, move, 'withdrawal', keyed, async () => null);
  }

  /** The approved loan of this SIO to this tasking, if any (an allocation across regions relies on one). */
  approvedLoan(referralId: string, officerSub: string): Promise<SioLoan | undefined> {
    return mutualAidRequests.approvedLoan(this.dataSource, referralId, officerSub);
  }

  /**
   * One move of the request's lifecycle under an Idempotency-Key of its kind (a decision's key is one whether it
   * approved or refused): a repeat answers with the request as the person's move left it (as first answered, or
   * as it now stands if that answer was never recorded or the first was still committing) instead of being
   * refused as a second move.
   */
  private async change(
    actor: Actor,
    id: string,
    move: Move,
    kind: keyof typeof KIND_ACTIONS,
    keyed: KeyedRequest | undefined,
    lent: (row: MutualAidRow) => Promise<{ sub: string; name: string } | null>,
  ): Promise<MutualAidRequestDto> {
    const keyId = keyed && `mutual-aid:${id}:${keyedUpdateId(kind, actor, keyed.key)}`;
    const movedByActor = async () => {
      const row = await mutualAidRequests.find(this.dataSource.manager, id);
      return row !== undefined && KIND_ACTIONS[kind].some((action) => mutualAidActionDone(actor, row, action));
    };
    // Keyed, the first request as well as a repeat is answered with the row its twin already moved: sent twice at
    // once, the repeat may take the row's lock first and make the move itself.
    return this.idempotency.once(keyId, keyed?.body, movedByActor, async () =>
      this.view(actor, await this.apply(actor, id, move, keyId !== undefined, lent)),
    );
  }

  /** The move judged by the pure rule on the locked row, with its audit row and notice (`keyed`: see `change`). */
  private apply(
    actor: Actor,
    id: string,
    { action, reason, correlationId }: Move,
    keyed: boolean,
    lent: (row: MutualAidRow) => Promise<{ sub: string; name: string } | null>,
  ): Promise<MutualAidRow> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.find(manager, id, true);
      if (keyed && mutualAidActionDone(actor, current, action)) return current;
      const next: MutualAidState = mutualAidTransition(actor, current, action);
      const officer = await lent(current);
      await mutualAidRequests.decide(manager, { id, state: next, decidedBySub: actor.sub, reason, officer });
      await this.audit(manager, actor, AUDIT_ACTION[action], id, correlationId, {
        referralId: current.referralId,
        ids: [current.referralId],
        from: current.state,
        to: next,
        reason,
        officerSub: officer?.sub ?? null,
      });
      await this.notify(manager, next, current);
      return this.find(manager, id);
    });
  }

  /**
   * Tells the other side, through the outbox in the same transaction: the lending region's managers of a request
   * and its withdrawal, the requesting manager of the decision. Keyed by request and state, so never twice.
   */
  private notify(
    manager: EntityManager,
    state: MutualAidState,
    request: Pick<MutualAidRow, 'id' | 'kind' | 'borrowingRegion' | 'lendingRegion' | 'requestedBySub'>,
  ): Promise<void> {
    const recipient: Recipient =
      state === 'APPROVED' || state === 'REFUSED'
        ? { role: 'ROCU_MANAGER', org: request.borrowingRegion, sub: request.requestedBySub }
        : { role: 'ROCU_MANAGER', org: request.lendingRegion };
    return enqueueNotification(manager, {
      dedupeKey: `mutual-aid:${request.id}:${state}`,
      referralId: null,
      kind: `MUTUAL_AID_${state}`,
      recipient,
      payload: {
        mutualAidRequestId: request.id,
        aidKind: request.kind,
        borrowingRegion: request.borrowingRegion,
        lendingRegion: request.lendingRegion,
      },
    });
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<MutualAidRow> {
    const row = await mutualAidRequests.find(manager, id, forUpdate);
    if (!row) throw mutualAidNotFound();
    return row;
  }

  /** A request the caller is on neither side of is 404, as a missing one. */
  private view(actor: Actor, row: MutualAidRow): MutualAidRequestDto {
    const side = mutualAidSide(actor, row);
    if (side === null) throw mutualAidNotFound();
    return {
      id: row.id,
      referralId: row.referralId,
      priority: row.priority,
      borrowingRegion: row.borrowingRegion,
      lendingRegion: row.lendingRegion,
      kind: row.kind,
      capability: row.capability,
      reason: row.reason,
      state: row.state,
      requestedBy: { sub: row.requestedBySub, name: row.requestedByName },
      requestedAt: row.requestedAt.toISOString(),
      officer: row.officerSub ? { sub: row.officerSub, name: row.officerName ?? '' } : null,
      decidedBy: row.decidedBySub,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decisionReason: row.decisionReason,
      side,
      availableActions: mutualAidActions(actor, row),
    };
  }

  private audit(
    manager: EntityManager,
    actor: Actor,
    action: string,
    entityId: string | null,
    correlationId: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return appendActorAudit(manager, actor, {
      action,
      entityType: 'mutual_aid_request',
      entityId,
      correlationId,
      details,
    });
  }
}
