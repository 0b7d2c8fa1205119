import { readConfigObject, show, unknownKeys } from '../deadlines/parse-deadline-policies';

/**
 * A region's meeting rules, in one small record so it can be sourced from anywhere (configuration today,
 * per-region settings later): quorum, when a meeting goes into session, and the covert commissioning cadence.
 */
export interface MeetingSettings {
  /** With the chair, representatives of at least this fraction of the region's forces make a meeting quorate. */
  quorumForceFraction: number;
  /** A meeting is in session once the chair records attendance from this many minutes before its time. */
  sessionOpensMinutesBefore: number;
  /** Days between a region's covert commissioning meetings. */
  covertEveryDays: number;
}

/** The rules a region's meetings are arranged with: its settings, and the forces their quorum counts. */
export interface ArrangedMeetingSettings extends MeetingSettings {
  /**
   * The region's forces (reference data, editable) when the meeting was arranged. Absent in meetings arranged
   * before they were kept, which count the seeded list.
   */
  regionForces?: readonly string[];
}

/** Defaults (issue #11): the chair plus half the region's forces; in session from an hour before; fortnightly covert meetings. */
export const DEFAULT_MEETING_SETTINGS: MeetingSettings = {
  quorumForceFraction: 0.5,
  sessionOpensMinutesBefore: 60,
  covertEveryDays: 14,
};

const RULES: Readonly<Record<keyof MeetingSettings, { valid: (value: number) => boolean; expected: string }>> = {
  quorumForceFraction: { valid: (value) => value > 0 && value <= 1, expected: 'a number greater than 0 and at most 1' },
  sessionOpensMinutesBefore: {
    valid: (value) => Number.isInteger(value) && value >= 0 && value <= 24 * 60,
    expected: 'a whole number of minutes from 0 to 1440',
  },
  covertEveryDays: {
    valid: (value) => Number.isInteger(value) && value >= 1 && value <= 366,
    expected: 'a whole number of days from 1 to 366',
  },
};
const KEYS = Object.keys(RULES) as (keyof MeetingSettings)[];

/**
 * Validates a meeting-settings override (an object or its JSON text); keys left out keep their defaults.
 * Every problem is reported in one Error.
 */
export function parseMeetingSettings(
  json: unknown,
  defaults: MeetingSettings = DEFAULT_MEETING_SETTINGS,
): MeetingSettings {
  const value = readConfigObject(json, 'meeting settings', `an object with ${KEYS.join(', ')}`);
  const errors: string[] = [];
  unknownKeys(value, KEYS, 'settings', errors);
  const settings = { ...defaults };
  for (const key of KEYS) {
    const given = value[key];
    if (given === undefined) continue;
    if (typeof given === 'number' && RULES[key].valid(given)) settings[key] = given;
    else errors.push(`settings.${key} must be ${RULES[key].expected} (got ${show(given)})`);
  }
  if (errors.length > 0) throw new Error(`Invalid meeting settings: ${errors.join('; ')}`);
  return settings;
}
