// Entity classes only: every export here is registered with TypeORM (ENTITIES in index.ts).
export * from './assessment.entity';
export * from './audit-log.entity';
export * from './code-list-entry.entity';
export * from './notification.entity';
export * from './organisation.entity';
export * from './referral-deadline.entity';
export * from './referral-history.entity';
export * from './referral-information.entity';
export * from './referral-count.entity';
export * from './referral.entity';
export * from './region.entity';
export * from './scoring-scheme.entity';
