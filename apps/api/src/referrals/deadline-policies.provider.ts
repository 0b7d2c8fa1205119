import { Injectable } from '@nestjs/common';
import { AppConfig } from '@rocu/config';
import {
  DEFAULT_DEADLINE_POLICIES,
  DeadlinePolicies,
  DeadlinePolicy,
  parseDeadlinePolicies,
  Urgency,
} from '@rocu/domain';

/** The deadline policies new referrals start with: the domain defaults unless configuration overrides them. */
@Injectable()
export class DeadlinePoliciesProvider {
  private readonly policies: DeadlinePolicies;

  constructor(config: AppConfig) {
    this.policies = config.DEADLINE_POLICIES_JSON
      ? parseDeadlinePolicies(config.DEADLINE_POLICIES_JSON)
      : DEFAULT_DEADLINE_POLICIES;
  }

  forUrgency(urgency: Urgency): DeadlinePolicy {
    return this.policies[urgency];
  }
}
