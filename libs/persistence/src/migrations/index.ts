import { InitialSchema1763856000000 } from './1763856000000-initial-schema';
import { Meetings1763870000000 } from './1763870000000-meetings';
import { OnwardReference1763880000000 } from './1763880000000-onward-reference';
import { SioAndPlan1763890000000 } from './1763890000000-sio-and-plan';
import { ApplicationRole1763900000000 } from './1763900000000-application-role';
import { ConflictRegister1763910000000 } from './1763910000000-conflict-register';
import { AuditListReads1763920000000 } from './1763920000000-audit-list-reads';
import { ListIndexes1763930000000 } from './1763930000000-list-indexes';
import { NotificationPerson1763940000000 } from './1763940000000-notification-person';
import { AllocationExceptions1763951000000 } from './1763951000000-allocation-exceptions';
import { TaskingOwners1763952000000 } from './1763952000000-tasking-owners';
import { RegionSettings1764000000000 } from './1764000000000-region-settings';
import { AssigneeOrganisation1764013000000 } from './1764013000000-assignee-organisation';
import { IdempotencyKeys1764013100000 } from './1764013100000-idempotency-keys';
import { RatificationOutcome1764110000000 } from './1764110000000-ratification-outcome';
import { MeetingEventJournal1764120000000 } from './1764120000000-meeting-event-journal';
import { WebSessions1764400000000 } from './1764400000000-web-sessions';
import { AuditSealing1764500000000 } from './1764500000000-audit-sealing';
import { PartnerChecks1764505000000 } from './1764505000000-partner-checks';
import { NationalQueue1764510000000 } from './1764510000000-national-queue';
import { NotificationDelivery1764610000000 } from './1764610000000-notification-delivery';
import { NationalTasking1764700000000 } from './1764700000000-national-tasking';
import { MutualAid1764710000000 } from './1764710000000-mutual-aid';
import { RowReferences1764730000000 } from './1764730000000-row-references';
import { ValidateRowReferences1764730000001 } from './1764730000001-validate-row-references';
import { NationalScaleIndexes1764750000000 } from './1764750000000-national-scale-indexes';
import { ReferralCounts1764800000000 } from './1764800000000-referral-counts';
import { IdempotencyKeyAge1764900000000 } from './1764900000000-idempotency-key-age';
import { PriorityCreationKey1764910000000 } from './1764910000000-priority-creation-key';
import { SettledElsewhere1764920000000 } from './1764920000000-settled-elsewhere';
import { AttendeeRemoved1764930000000 } from './1764930000000-attendee-removed';
import { PlanReviewOpens1764940000000 } from './1764940000000-plan-review-opens';
import { WebSessionRenewalClaim1764950000000 } from './1764950000000-web-session-renewal-claim';
import { WebDraftOwnerOrg1764960000000 } from './1764960000000-web-draft-owner-org';

/** Listed explicitly (not globbed) so the same list works from TypeScript sources and compiled output. */
export const MIGRATIONS = [
  InitialSchema1763856000000,
  Meetings1763870000000,
  OnwardReference1763880000000,
  SioAndPlan1763890000000,
  ApplicationRole1763900000000,
  ConflictRegister1763910000000,
  AuditListReads1763920000000,
  ListIndexes1763930000000,
  NotificationPerson1763940000000,
  AllocationExceptions1763951000000,
  TaskingOwners1763952000000,
  RegionSettings1764000000000,
  AssigneeOrganisation1764013000000,
  IdempotencyKeys1764013100000,
  RatificationOutcome1764110000000,
  MeetingEventJournal1764120000000,
  WebSessions1764400000000,
  AuditSealing1764500000000,
  PartnerChecks1764505000000,
  NationalQueue1764510000000,
  NotificationDelivery1764610000000,
  NationalTasking1764700000000,
  MutualAid1764710000000,
  RowReferences1764730000000,
  ValidateRowReferences1764730000001,
  NationalScaleIndexes1764750000000,
  ReferralCounts1764800000000,
  IdempotencyKeyAge1764900000000,
  PriorityCreationKey1764910000000,
  SettledElsewhere1764920000000,
  AttendeeRemoved1764930000000,
  PlanReviewOpens1764940000000,
  WebSessionRenewalClaim1764950000000,
  WebDraftOwnerOrg1764960000000,
];
