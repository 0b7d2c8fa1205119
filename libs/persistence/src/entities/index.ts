import { AssessmentEntity } from './assessment.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CodeListEntryEntity } from './code-list-entry.entity';
import { NotificationEntity } from './notification.entity';
import { OrganisationEntity } from './organisation.entity';
import { ReferralDeadlineEntity } from './referral-deadline.entity';
import { ReferralHistoryEntity } from './referral-history.entity';
import { ReferralInformationEntity } from './referral-information.entity';
import { ReferralEntity } from './referral.entity';
import { RegionEntity } from './region.entity';
import { ScoringSchemeEntity } from './scoring-scheme.entity';

export {
  AssessmentEntity,
  AuditLogEntity,
  CodeListEntryEntity,
  NotificationEntity,
  OrganisationEntity,
  ReferralDeadlineEntity,
  ReferralHistoryEntity,
  ReferralInformationEntity,
  ReferralEntity,
  RegionEntity,
  ScoringSchemeEntity,
};

export const ENTITIES = [
  AssessmentEntity,
  AuditLogEntity,
  CodeListEntryEntity,
  NotificationEntity,
  OrganisationEntity,
  ReferralDeadlineEntity,
  ReferralHistoryEntity,
  ReferralInformationEntity,
  ReferralEntity,
  RegionEntity,
  ScoringSchemeEntity,
];
