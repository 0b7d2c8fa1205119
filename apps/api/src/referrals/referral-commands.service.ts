import { Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  Actor,
  availableActions,
  checkUrgentDecision,
  DomainError,
  effectiveUrgency,
  nationalDeclineOutsideMeetingRefusal,
  ReferralEvent,
  ReferralStatus,
  routeSubmission,
  registeredRecusal,
} from '@rocu/domain';
import {
  assessUpdate,
  NationalTaskingInput,
  provideInformationUpdate,
  REFERRAL_WORKFLOW_TYPE,
  ReferralSubmission,
  ReferralWorkflowInput,
  referralWorkflowId,
  submitReferralUpdate,
  SubmitResult,
  taskingDecisionUpdate,
  triageUpdate,
  withdrawUpdate,
} from '@rocu/contracts';
import type { ReferralEntity } from '@rocu/persistence';
import { IdempotencyService } from '../common/idempotency';
import { NationalPrioritiesService } from '../national/national-priorities.service';
import { ReferenceDataService } from '../reference/reference-data.service';
import { TemporalClientService } from '../temporal/temporal-client.provider';
import { UrgentDecisionRequest } from '../meetings/meeting-requests.dto';
import { AssessmentRequest } from './assessment.dto';
import { DeadlinePoliciesProvider } from './deadline-policies.provider';
import { idForKey } from '../common/keyed-id';
import { referralRecordOf } from './referral-record';
import { ReferralQueriesService } from './referral-queries.service';
import { keyedRequest } from '../common/keyed-update';
import { ReferralUpdatesService } from './referral-updates.service';
import { InformationRequest, TriageRequest, WithdrawRequest } from './referral-actions.dto';
import {
  AssessmentResultDto,
  ReferralStatusDto,
  statusView,
  SubmitReferralResponse,
  urgencyView,
} from './referral-views.dto';

/**
 * Write side of referrals: every change is a Temporal Update on the referral's workflow, which validates
 * it with the pure transition rules and projects it to Postgres before answering. No direct writes here.
 */
@Injectable()
export class ReferralCommandsService {
  constructor(
    private readonly temporal: TemporalClientService,
    private readonly reference: ReferenceDataService,
    private readonly queries: ReferralQueriesService,
    private readonly policies: DeadlinePoliciesProvider,
    private readonly updates: ReferralUpdatesService,
    private readonly idempotency: IdempotencyService,
    private readonly priorities: NationalPrioritiesService,
  ) {}

  /**
   * Submits a referral, or (with `nationalTasking`) an NCA tasking request, which its workflow takes straight
   * to the region's next TTCG with the NCA's score.
   */
  async submit(
    actor: Actor,
    submission: ReferralSubmission,
    idempotencyKey: string | undefined,
    correlationId: string,
    nationalTasking?: NationalTaskingInput,
  ): Promise<{ created: boolean; referral: SubmitReferralResponse }> {
    const region = await this.regionFor(actor, submission);
    const urgency = effectiveUrgency(submission);
    const referralId = idForKey(actor, idempotencyKey);
    // The id is the key's: a repeat reaches the same workflow, so only a changed body needs refusing here,
    // and only once the key has made a referral (its workflow, or the projected row once Temporal forgot it).
    if (idempotencyKey !== undefined) {
      // What the person sent: the scoring scheme is the server's, and a republished one is no change of theirs.
      const asked = nationalTasking && { ...nationalTasking, scheme: undefined };
      const body = asked ? { submission, nationalTasking: asked } : submission;
      await this.idempotency.refuseChangedRequest(
        `referral:${referralId}`,
        body,
        async () =>
          (await this.queries.exists(referralId)) ||
          (await this.temporal.workflowExists(referralWorkflowId(referralId))),
      );
      // A repeat long after the referral ended is answered from the read model: starting a workflow Temporal has
      // forgotten would begin the referral's life anew.
      if (await this.outlivedItsWorkflow(referralId)) {
        return { created: false, referral: await this.queries.submissionView(actor, referralId) };
      }
    }
    const policies = await this.policies.forReferral(region, urgency.urgency);
    const input: ReferralWorkflowInput = {
      referralId,
      submission,
      submittedBy: { sub: actor.sub, name: actor.name, roles: actor.roles, org: actor.org, region: actor.region },
      ownerOrg: actor.org,
      region,
      policy: policies.policy,
      planPolicy: policies.planPolicy,
      decisionClock: policies.decisionClock,
      nationalResponse: policies.nationalResponse,
      settingsVersion: policies.settingsVersion,
      planContinueAsNewAfterEvents: this.policies.planContinueAsNewAfterEvents,
      ...(nationalTasking ? { nationalTasking } : {}),
    };
    let result: SubmitResult;
    try {
      result = await this.temporal.startWithUpdate(
        REFERRAL_WORKFLOW_TYPE,
        {
          workflowId: referralWorkflowId(referralId),
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          // A repeat after the referral has ended must not start it again.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        },
        submitReferralUpdate,
        { actor, correlationId },
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      return { created: false, referral: await this.queries.submissionView(actor, referralId) };
    }
    const { snapshot, created } = result;
    return {
      created,
      referral: {
        id: referralId,
        reference: snapshot.reference,
        status: snapshot.status,
        ...urgencyView(urgency),
        region,
        deadlines: snapshot.deadlines,
      },
    };
  }

  /** A referral whose workflow Temporal no longer knows (the namespace's retention, once it ended). */
  private async outlivedItsWorkflow(referralId: string): Promise<boolean> {
    if (!(await this.queries.exists(referralId))) return false;
    return !(await this.temporal.workflowExists(referralWorkflowId(referralId)));
  }

  async triage(
    actor: Actor,
    id: string,
    request: TriageRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<ReferralStatusDto> {
    const event: ReferralEvent = { type: 'TRIAGE', decision: request.decision };
    return this.updates.sendRequest(actor, id, event, triageUpdate, request, correlationId, idempotencyKey);
  }

  async provideInformation(
    actor: Actor,
    id: string,
    request: InformationRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<ReferralStatusDto> {
    const event: ReferralEvent = { type: 'PROVIDE_INFORMATION' };
    return this.updates.sendRequest(actor, id, event, provideInformationUpdate, request, correlationId, idempotencyKey);
  }

  async withdraw(
    actor: Actor,
    id: string,
    request: WithdrawRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<ReferralStatusDto> {
    const event: ReferralEvent = { type: 'WITHDRAW' };
    return this.updates.sendRequest(actor, id, event, withdrawUpdate, request, correlationId, idempotencyKey);
  }

  async assess(
    actor: Actor,
    id: string,
    request: AssessmentRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<AssessmentResultDto> {
    const { route, rationale, nationalPriority, ...assessment } = request;
    if (nationalPriority !== undefined) await this.priorities.requireActive(nationalPriority);
    const scheme = await this.reference.currentScheme();
    const event: ReferralEvent = { type: 'ASSESS', route };
    const command = {
      actor,
      correlationId,
      assessment,
      route,
      rationale: { ...rationale },
      scheme,
      ...(nationalPriority !== undefined ? { nationalPriority } : {}),
    };
    const keyed = keyedRequest(idempotencyKey, request);
    const routable = (referral: ReferralEntity, to: ReferralStatus): void => {
      const refusal = nationalDeclineOutsideMeetingRefusal(referralRecordOf(referral), to);
      if (refusal) {
        throw new DomainError('BUSINESS_RULE', refusal, {
          errors: [{ field: 'route', code: 'not_allowed', message: refusal }],
        });
      }
    };
    const { snapshot, score } = await this.updates.send(actor, id, event, assessUpdate, command, routable, keyed);
    return { ...score, status: snapshot.status };
  }

  /**
   * An out-of-meeting tasking decision by the chair, for an IMMEDIATE referral awaiting decision (never DEFER,
   * never twice); ratified at the next meeting of its type.
   */
  async urgentDecision(
    actor: Actor,
    id: string,
    request: UrgentDecisionRequest,
    correlationId: string,
    idempotencyKey?: string,
  ): Promise<ReferralStatusDto> {
    const event: ReferralEvent = { type: 'DECIDE', decision: request.decision };
    const qualifies = async (referral: ReferralEntity): Promise<void> => {
      const record = referralRecordOf(referral);
      const check = checkUrgentDecision(
        { status: record.status, urgency: effectiveUrgency(referral.submission).urgency, origin: record.origin },
        request.decision,
      );
      if (!check.ok) {
        throw new DomainError(check.refusal, check.reason, {
          state: record.status,
          allowedActions: availableActions(record, actor),
        });
      }
      // Out of a meeting as in one, a chair with a conflict on the register is recused.
      if ((await this.queries.conflicted(referral.id)).has(actor.sub)) throw registeredRecusal(referral.id);
    };
    const command = { actor, correlationId, ...request };
    const keyed = keyedRequest(idempotencyKey, request);
    return statusView(await this.updates.send(actor, id, event, taskingDecisionUpdate, command, qualifies, keyed));
  }

  /**
   * A partner agency's chosen region, else the ROCU of the first force affected that has one. A force's
   * referral no ROCU can take goes to the NCA (422); an agency's names its region instead (400).
   */
  private async regionFor(actor: Actor, submission: ReferralSubmission): Promise<string> {
    const referrer = await this.reference.findOrganisation(actor.org);
    const routing = routeSubmission(submission, referrer?.kind ?? 'FORCE', await this.reference.routingFacts());
    if (!routing.routed) throw new DomainError(routing.code, routing.reason, { errors: routing.errors });
    return routing.region;
  }
}
