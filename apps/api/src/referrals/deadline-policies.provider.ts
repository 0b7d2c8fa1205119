import { Injectable } from '@nestjs/common';
import { AppConfig } from '@rocu/config';
import {
  allocationPolicyOf,
  deadlinePoliciesOf,
  DEFAULT_DECISION_CLOCK,
  DecisionClockPolicy,
  DeadlinePolicies,
  DeadlinePolicy,
  DEFAULT_PLAN_POLICY,
  NATIONAL_RESPONSE_POLICY,
  parseDeadlinePolicies,
  parseNationalResponsePolicy,
  parsePlanPolicy,
  PlanPolicy,
  StagePolicy,
  Urgency,
} from '@rocu/domain';
import { RegionSettingsService } from '../regions/region-settings.service';

/** What a new referral's workflow starts with, and which version of its region's settings that came from. */
export interface ReferralPolicies {
  policy: DeadlinePolicy;
  planPolicy: PlanPolicy;
  /** Only an IMMEDIATE referral has a decision clock ("same day", domain.md section 5). */
  decisionClock: DecisionClockPolicy | undefined;
  /** The NCA's answer's deadline, should the referral be sent national (NATIONAL_RESPONSE_POLICY_JSON). */
  nationalResponse: StagePolicy;
  settingsVersion: number;
}

/**
 * The deadline policies new referrals start with: the current version of the region's settings (gateway
 * deadlines per urgency, reminder fraction, SIO allocation), unless configuration overrides them for every
 * region (DEADLINE_POLICIES_JSON, PLAN_POLICY_JSON: drills and tests). Plan reviews come from configuration.
 */
@Injectable()
export class DeadlinePoliciesProvider {
  private readonly override: DeadlinePolicies | undefined;
  private readonly plan: PlanPolicy | undefined;
  private readonly nationalResponse: StagePolicy;
  readonly planContinueAsNewAfterEvents: number;

  constructor(
    config: AppConfig,
    private readonly regionSettings: RegionSettingsService,
  ) {
    this.override = config.DEADLINE_POLICIES_JSON ? parseDeadlinePolicies(config.DEADLINE_POLICIES_JSON) : undefined;
    this.plan = config.PLAN_POLICY_JSON ? parsePlanPolicy(config.PLAN_POLICY_JSON) : undefined;
    this.nationalResponse = config.NATIONAL_RESPONSE_POLICY_JSON
      ? parseNationalResponsePolicy(config.NATIONAL_RESPONSE_POLICY_JSON)
      : NATIONAL_RESPONSE_POLICY;
    this.planContinueAsNewAfterEvents = config.PLAN_CONTINUE_AS_NEW_AFTER_EVENTS;
  }

  async forReferral(region: string, urgency: Urgency): Promise<ReferralPolicies> {
    const { version, settings } = await this.regionSettings.currentOrDefaults(region);
    return {
      policy: (this.override ?? deadlinePoliciesOf(settings))[urgency],
      planPolicy: this.plan ?? { allocation: allocationPolicyOf(settings), review: DEFAULT_PLAN_POLICY.review },
      decisionClock: urgency === 'IMMEDIATE' ? DEFAULT_DECISION_CLOCK : undefined,
      nationalResponse: this.nationalResponse,
      settingsVersion: version,
    };
  }
}
