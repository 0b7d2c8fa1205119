import { URGENCIES } from '../referral/referral-status';
import {
  DEADLINE_STAGES,
  DEFAULT_REMINDER_FRACTION,
  DeadlinePolicies,
  DeadlinePolicy,
  DurationSpec,
  StagePolicy,
} from './deadline-policy';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function unknownKeys(value: Json, allowed: readonly string[], path: string, errors: string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) errors.push(`${path}.${key} is not a recognised key (expected ${allowed.join(', ')})`);
  }
}

export function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

export function parseDuration(value: unknown, path: string, errors: string[]): DurationSpec | undefined {
  if (!isObject(value)) {
    errors.push(`${path} must be an object with elapsedMs or workingDays`);
    return undefined;
  }
  unknownKeys(value, ['elapsedMs', 'workingDays'], path, errors);
  const hasElapsed = 'elapsedMs' in value;
  const hasWorking = 'workingDays' in value;
  if (hasElapsed === hasWorking) {
    errors.push(`${path} must have exactly one of elapsedMs or workingDays`);
    return undefined;
  }
  if (hasElapsed) {
    const ms = value['elapsedMs'];
    if (typeof ms === 'number' && Number.isInteger(ms) && ms > 0) return { elapsedMs: ms };
    errors.push(`${path}.elapsedMs must be a positive whole number of milliseconds (got ${show(ms)})`);
    return undefined;
  }
  const days = value['workingDays'];
  if (typeof days === 'number' && Number.isInteger(days) && days > 0) return { workingDays: days };
  errors.push(`${path}.workingDays must be a positive whole number (got ${show(days)})`);
  return undefined;
}

export function parseStage(value: unknown, path: string, errors: string[]): StagePolicy | undefined {
  if (!isObject(value)) {
    errors.push(`${path} must be an object with due and optional reminderFraction`);
    return undefined;
  }
  unknownKeys(value, ['due', 'reminderFraction'], path, errors);
  const due = parseDuration(value['due'], `${path}.due`, errors);
  const fraction = value['reminderFraction'] ?? DEFAULT_REMINDER_FRACTION;
  if (typeof fraction !== 'number' || !(fraction > 0 && fraction <= 1)) {
    errors.push(`${path}.reminderFraction must be a number greater than 0 and at most 1 (got ${show(fraction)})`);
    return undefined;
  }
  return due === undefined ? undefined : { due, reminderFraction: fraction };
}

/** A configuration value given as an object or its JSON text; anything else fails, naming what was expected. */
export function readConfigObject(json: unknown, what: string, expected: string): Json {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json) as unknown;
    } catch (error) {
      throw new Error(`Invalid ${what}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (!isObject(value)) throw new Error(`Invalid ${what}: expected ${expected}`);
  return value;
}

/**
 * Validates a complete deadline-policy override from configuration (an object, or its JSON text).
 * Every urgency and stage must be present; reminderFraction defaults to 0.75. All problems are
 * reported together in one Error so a misconfiguration is fixed in one pass.
 */
export function parseDeadlinePolicies(json: unknown): DeadlinePolicies {
  const value = readConfigObject(json, 'deadline policies', `an object keyed by ${URGENCIES.join(', ')}`);

  const errors: string[] = [];
  unknownKeys(value, URGENCIES, 'policies', errors);
  const result: Partial<Record<(typeof URGENCIES)[number], DeadlinePolicy>> = {};
  for (const urgency of URGENCIES) {
    const policy = value[urgency];
    if (!isObject(policy)) {
      errors.push(`policies.${urgency} must be an object with ${DEADLINE_STAGES.join(' and ')}`);
      continue;
    }
    unknownKeys(policy, DEADLINE_STAGES, `policies.${urgency}`, errors);
    const triage = parseStage(policy['TRIAGE'], `policies.${urgency}.TRIAGE`, errors);
    const assessment = parseStage(policy['ASSESSMENT'], `policies.${urgency}.ASSESSMENT`, errors);
    if (triage !== undefined && assessment !== undefined) result[urgency] = { TRIAGE: triage, ASSESSMENT: assessment };
  }

  const { IMMEDIATE, PRIORITY, ROUTINE } = result;
  if (errors.length > 0 || IMMEDIATE === undefined || PRIORITY === undefined || ROUTINE === undefined) {
    throw new Error(`Invalid deadline policies: ${errors.join('; ')}`);
  }
  return { IMMEDIATE, PRIORITY, ROUTINE };
}
