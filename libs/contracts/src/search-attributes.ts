import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Search attributes every referral workflow keeps current, so an operator finds a referral in Temporal's
 * own tools without the database: `temporal workflow list --query 'RocuReference="YHROCU-2026-000123"'`.
 * Each Temporal server must have them registered (dev servers by scripts/lib/temporal-dev-server.ts,
 * docker-compose by its `temporal-search-attributes` job).
 */
export const REFERRAL_REFERENCE = defineSearchAttributeKey('RocuReference', SearchAttributeType.KEYWORD);
export const REFERRAL_REGION = defineSearchAttributeKey('RocuRegion', SearchAttributeType.KEYWORD);
export const REFERRAL_STATUS = defineSearchAttributeKey('RocuStatus', SearchAttributeType.KEYWORD);
export const REFERRAL_URGENCY = defineSearchAttributeKey('RocuUrgency', SearchAttributeType.KEYWORD);
/** When the running stage's deadline falls due; absent while no clock runs (paused, awaiting a meeting, done). */
export const REFERRAL_STAGE_DUE_AT = defineSearchAttributeKey('RocuStageDueAt', SearchAttributeType.DATETIME);

export const REFERRAL_SEARCH_ATTRIBUTES = [
  REFERRAL_REFERENCE,
  REFERRAL_REGION,
  REFERRAL_STATUS,
  REFERRAL_URGENCY,
  REFERRAL_STAGE_DUE_AT,
] as const;

/** The type names the Temporal CLI takes (`--search-attribute RocuReference=Keyword`). */
export const CLI_SEARCH_ATTRIBUTE_TYPES: Record<(typeof REFERRAL_SEARCH_ATTRIBUTES)[number]['type'], string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.DATETIME]: 'Datetime',
};
