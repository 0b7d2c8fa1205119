import { CadencePolicy, DEFAULT_CADENCE_POLICY, cadencePolicyFor } from '../meetings/cadence';
import type { ArrangedMeetingSettings, MeetingSettings } from '../meetings/meeting-settings';
import { DEFAULT_PLAN_POLICY } from '../plan/plan-policy';
import { MeetingCadence } from '../reference/regions';
import { URGENCIES, Urgency } from '../referral/referral-status';
import {
  DEADLINE_STAGES,
  DEFAULT_DEADLINE_POLICIES,
  DEFAULT_REMINDER_FRACTION,
  DeadlinePolicies,
  DurationSpec,
  GatewayStage,
  StagePolicy,
} from '../deadlines/deadline-policy';
import { isObject, parseDuration, show } from '../deadlines/parse-deadline-policies';

export const MEETING_CADENCES: readonly MeetingCadence[] = ['MONTHLY', 'SIX_WEEKLY', 'TWELVE_WEEKLY'];

/** A region's TTCG: when it meets, when papers close, and how many of the region's forces make it quorate. */
export interface RegionMeetingSettings {
  cadence: MeetingCadence;
  /** 1 = Monday .. 5 = Friday. */
  weekday: 1 | 2 | 3 | 4 | 5;
  /** 'HH:MM', UK local time. */
  timeOfDay: string;
  /** Papers close this many working days before the meeting. */
  paperCutoffDays: number;
  /** 'YYYY-MM-DD': the date six- and twelve-weekly cycles count from. */
  anchorDate: string;
  /** Quorum: the chair plus representatives of at least this share of the region's forces. */
  quorumForcesFraction: number;
}

/** One region's configurable deadlines and meeting settings (domain.md §5: defaults, configurable per region). */
export interface RegionSettings {
  /** Triage and assessment deadlines per urgency: elapsed time (elapsedMs) or whole working days (workingDays). */
  deadlines: Record<Urgency, Record<GatewayStage, DurationSpec>>;
  /** Allocating an SIO after adoption. */
  allocationDue: DurationSpec;
  /** Share of the time (working time for working-day deadlines) after which the assignee is reminded. */
  reminderFraction: number;
  meetings: RegionMeetingSettings;
}

/** The domain defaults for a region with the given TTCG cadence. */
export function defaultRegionSettings(cadence: MeetingCadence): RegionSettings {
  const due = (urgency: Urgency) => ({
    TRIAGE: DEFAULT_DEADLINE_POLICIES[urgency].TRIAGE.due,
    ASSESSMENT: DEFAULT_DEADLINE_POLICIES[urgency].ASSESSMENT.due,
  });
  return {
    deadlines: { IMMEDIATE: due('IMMEDIATE'), PRIORITY: due('PRIORITY'), ROUTINE: due('ROUTINE') },
    allocationDue: DEFAULT_PLAN_POLICY.allocation.due,
    reminderFraction: DEFAULT_REMINDER_FRACTION,
    meetings: { cadence, ...DEFAULT_CADENCE_POLICY, quorumForcesFraction: 0.5 },
  };
}

/** A bad field in proposed settings: its path in the body and what is wrong. */
export interface SettingsProblem {
  field: string;
  message: string;
}

const MAX_WORKING_DAYS = 60;
const MAX_ELAPSED_MS = 7 * 86_400_000;
const MAX_PAPER_CUTOFF_DAYS = 20;
const SETTINGS_KEYS = ['deadlines', 'allocationDue', 'reminderFraction', 'meetings'];
const MEETING_KEYS = ['cadence', 'weekday', 'timeOfDay', 'paperCutoffDays', 'anchorDate', 'quorumForcesFraction'];

class Problems {
  readonly list: SettingsProblem[] = [];
  constructor(private readonly root: string) {}
  /** Fields are named from the root (the body field holding the settings). */
  add(field: string, message: string): undefined {
    const path = (text: string) => (text.startsWith(this.root) ? text : `${this.root}.${text}`);
    this.list.push({ field: path(field), message: path(message) });
    return undefined;
  }
  /** The object at `field`, refusing keys not in `allowed`. */
  object(value: unknown, field: string, allowed: readonly string[]): Record<string, unknown> | undefined {
    if (!isObject(value)) return this.add(field, `${field} must be an object with ${allowed.join(', ')}`);
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.add(`${field}.${key}`, `${field}.${key} is not a recognised setting`);
    }
    return value;
  }
}

/** A deadline within bounds: up to 60 working days, or up to 7 days of elapsed time. */
function duration(value: unknown, field: string, problems: Problems): DurationSpec | undefined {
  const errors: string[] = [];
  const spec = parseDuration(value, field, errors);
  for (const message of errors) problems.add(field, message);
  if (spec === undefined) return undefined;
  if ('workingDays' in spec && spec.workingDays > MAX_WORKING_DAYS) {
    return problems.add(field, `${field}.workingDays must be at most ${MAX_WORKING_DAYS}`);
  }
  if ('elapsedMs' in spec && spec.elapsedMs > MAX_ELAPSED_MS) {
    return problems.add(field, `${field}.elapsedMs must be at most ${MAX_ELAPSED_MS} (7 days)`);
  }
  return spec;
}

function fraction(value: unknown, field: string, problems: Problems): number | undefined {
  if (typeof value === 'number' && value > 0 && value <= 1) return value;
  return problems.add(field, `${field} must be a number greater than 0 and at most 1 (got ${show(value)})`);
}

/**
 * A real date of this century: the schedule's calendar arithmetic (cadence.ts) reads a year below 100 as 19xx and
 * would refuse the anchor inside the region's schedule workflow, stopping its meetings; and an anchor centuries
 * away is a typing slip, not a calendar.
 */
function isAnchorDate(value: string): boolean {
  const time = /^20\d{2}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(value);
}

function meetings(value: unknown, problems: Problems): RegionMeetingSettings | undefined {
  const input = problems.object(value, 'meetings', MEETING_KEYS);
  if (input === undefined) return undefined;
  const { cadence, weekday, timeOfDay, paperCutoffDays, anchorDate } = input;
  const checks = [
    MEETING_CADENCES.includes(cadence as MeetingCadence) ||
      problems.add('meetings.cadence', `meetings.cadence must be one of ${MEETING_CADENCES.join(', ')}`),
    [1, 2, 3, 4, 5].includes(weekday as number) ||
      problems.add('meetings.weekday', 'meetings.weekday must be 1 (Monday) to 5 (Friday)'),
    (typeof timeOfDay === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(timeOfDay)) ||
      problems.add('meetings.timeOfDay', 'meetings.timeOfDay must be HH:MM (24-hour, UK time)'),
    (Number.isInteger(paperCutoffDays) &&
      (paperCutoffDays as number) >= 0 &&
      (paperCutoffDays as number) <= MAX_PAPER_CUTOFF_DAYS) ||
      problems.add(
        'meetings.paperCutoffDays',
        `meetings.paperCutoffDays must be a whole number of working days from 0 to ${MAX_PAPER_CUTOFF_DAYS}`,
      ),
    (typeof anchorDate === 'string' && isAnchorDate(anchorDate)) ||
      problems.add('meetings.anchorDate', 'meetings.anchorDate must be a real YYYY-MM-DD date from 2000 to 2099'),
  ];
  const quorum = fraction(input['quorumForcesFraction'], 'meetings.quorumForcesFraction', problems);
  if (checks.some((ok) => ok !== true) || quorum === undefined) return undefined;
  return {
    cadence: cadence as MeetingCadence,
    weekday: weekday as RegionMeetingSettings['weekday'],
    timeOfDay: timeOfDay as string,
    paperCutoffDays: paperCutoffDays as number,
    anchorDate: anchorDate as string,
    quorumForcesFraction: quorum,
  };
}

function deadlines(value: unknown, problems: Problems): RegionSettings['deadlines'] | undefined {
  const input = problems.object(value, 'deadlines', URGENCIES);
  if (input === undefined) return undefined;
  const result: Partial<RegionSettings['deadlines']> = {};
  for (const urgency of URGENCIES) {
    const stages = problems.object(input[urgency], `deadlines.${urgency}`, DEADLINE_STAGES);
    if (stages === undefined) continue;
    const triage = duration(stages['TRIAGE'], `deadlines.${urgency}.TRIAGE`, problems);
    const assessment = duration(stages['ASSESSMENT'], `deadlines.${urgency}.ASSESSMENT`, problems);
    if (triage !== undefined && assessment !== undefined) result[urgency] = { TRIAGE: triage, ASSESSMENT: assessment };
  }
  const { IMMEDIATE, PRIORITY, ROUTINE } = result;
  return IMMEDIATE && PRIORITY && ROUTINE ? { IMMEDIATE, PRIORITY, ROUTINE } : undefined;
}

/**
 * Checks proposed region settings (a whole replacement): every field present, in range, and no unknown
 * field. Returns the settings, or every problem at once with its field path.
 */
export function validateRegionSettings(
  input: unknown,
  root = 'settings',
): { ok: true; settings: RegionSettings } | { ok: false; problems: SettingsProblem[] } {
  const problems = new Problems(root);
  const value = problems.object(input, root, SETTINGS_KEYS);
  if (value === undefined) return { ok: false, problems: problems.list };
  const settings = {
    deadlines: deadlines(value['deadlines'], problems),
    allocationDue: duration(value['allocationDue'], 'allocationDue', problems),
    reminderFraction: fraction(value['reminderFraction'], 'reminderFraction', problems),
    meetings: meetings(value['meetings'], problems),
  };
  const { deadlines: d, allocationDue, reminderFraction, meetings: m } = settings;
  if (problems.list.length > 0 || !d || !allocationDue || reminderFraction === undefined || !m) {
    return { ok: false, problems: problems.list };
  }
  return { ok: true, settings: { deadlines: d, allocationDue, reminderFraction, meetings: m } };
}

/** The gateway deadline policies new referrals in the region start with. */
export function deadlinePoliciesOf(settings: RegionSettings): DeadlinePolicies {
  const stage = (due: DurationSpec): StagePolicy => ({ due, reminderFraction: settings.reminderFraction });
  const urgency = (u: Urgency) => ({
    TRIAGE: stage(settings.deadlines[u].TRIAGE),
    ASSESSMENT: stage(settings.deadlines[u].ASSESSMENT),
  });
  return { IMMEDIATE: urgency('IMMEDIATE'), PRIORITY: urgency('PRIORITY'), ROUTINE: urgency('ROUTINE') };
}

/** The SIO allocation deadline after adoption. */
export function allocationPolicyOf(settings: RegionSettings): StagePolicy {
  return { due: settings.allocationDue, reminderFraction: settings.reminderFraction };
}

/** The calendar the region's TTCG schedule creates meetings from. */
export function cadencePolicyOf(settings: RegionSettings): CadencePolicy {
  const { cadence, weekday, timeOfDay, paperCutoffDays, anchorDate } = settings.meetings;
  return cadencePolicyFor(cadence, { weekday, timeOfDay, paperCutoffDays, anchorDate });
}

/** The meeting rules' settings for the region: its quorum, the rest (session opening, covert cadence) from `base`. */
export function regionMeetingSettings(
  settings: RegionSettings,
  base: MeetingSettings,
  regionForces: readonly string[],
): ArrangedMeetingSettings {
  return { ...base, quorumForceFraction: settings.meetings.quorumForcesFraction, regionForces };
}

/** Representatives of how many of the region's forces make a meeting quorate (with the chair). */
export function quorumForces(settings: RegionSettings, regionForces: number): number {
  return Math.ceil(regionForces * settings.meetings.quorumForcesFraction);
}
