import { fromLondon, type LocalTime } from '@rocu/domain';
import { dateInputAnchor, dateParts, isoDate } from '../../forms/date-input';
import { text } from '../../forms/form-values';
import { errorSummary, ErrorSummary, fieldId } from '../../errors/error-summary';
import type { FormFlash } from '../../errors/form-state';
import { inPlainWords } from '../../errors/plain-messages';
import type { Plan } from './plan-api';
import type { PlanView } from './plan.view-model';

/** The UK time of day a date typed on a plan form stands for: due by the end of the working day; occurred that day. */
const DUE_TIME: LocalTime = { hour: 17, minute: 0, second: 0, millisecond: 0 };
const START_OF_DAY: LocalTime = { hour: 0, minute: 0, second: 0, millisecond: 0 };

/**
 * The API's instant for a date input, at that UK time of day. A date that is not a real one is sent as typed, so the
 * API names the field (nothing is judged here); nothing typed is left out, so the API names it as required.
 */
export function ukInstant(value: unknown, time: LocalTime): string | undefined {
  const date = isoDate(value);
  if (date === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const [year, month, day] = match.slice(1).map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const real = calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && year >= 1000;
  return real ? fromLondon({ year, month, day }, time).toISOString() : date;
}

/** Partner organisations, one a line (blank lines left out). */
const lines = (value: unknown): string[] =>
  text(value)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/**
 * One of the plan's forms: its address under the plan, the API call it makes, its words for the API's generic
 * refusals, the values it shows again, and the confirmation once the API has taken it.
 */
export interface PlanForm {
  title: string;
  view: string;
  method: 'post' | 'patch';
  apiPath: (referralId: string, itemId?: string) => string;
  messages: Record<string, string>;
  dateFields: readonly string[];
  request: (values: Record<string, unknown>) => Record<string, unknown>;
  notice: string;
  /** What else the form's page shows, from the plan as read. */
  extras?: (plan: Plan, view: PlanView) => Record<string, unknown>;
  /** Whether the form still applies to the plan as read (beyond the person being its owner and the plan open). */
  applies?: (view: PlanView) => boolean;
  /** Lists typed one item a line in one box: what an item is called, for an error about one of them. */
  lists?: Record<string, string>;
}

export const ADD_ACTION: PlanForm = {
  title: 'Add an action',
  view: 'routes/plans/action.njk',
  method: 'post',
  apiPath: (referralId) => `/referrals/${referralId}/plan/actions`,
  messages: {
    pillar: 'Select the pillar the action is under',
    description: 'Describe the action, in at most 4000 characters',
    ownerOrg: 'Enter the organisation that owns the action, in at most 200 characters',
    ownerName: 'Enter the name of the person who owns the action, in at most 200 characters',
    dueAt: 'Enter the date the action is due, for example 31 1 2027',
    partners: 'Enter at most 20 partners, one a line, each in at most 200 characters',
  },
  dateFields: ['dueAt'],
  request: (values) => ({
    pillar: text(values.pillar) || undefined,
    description: text(values.description),
    ownerOrg: text(values.ownerOrg),
    ownerName: text(values.ownerName),
    dueAt: ukInstant(values.dueAt, DUE_TIME),
    partners: lines(values.partners),
  }),
  notice: 'Action added to the plan',
  lists: { partners: 'Partner' },
};

export const CHANGE_ACTION: PlanForm = {
  title: 'Change the action’s status',
  view: 'routes/plans/action-status.njk',
  method: 'patch',
  apiPath: (referralId, actionId) => `/referrals/${referralId}/plan/actions/${actionId ?? ''}`,
  messages: {
    status: 'Select the action’s status',
    outcome: 'Enter the outcome of a complete or abandoned action, in at most 4000 characters',
  },
  dateFields: [],
  request: (values) => ({
    status: text(values.status) || undefined,
    outcome: text(values.outcome).trim() || undefined,
    version: Number(text(values.version)),
  }),
  notice: 'Action updated',
};

export const RECORD_DISRUPTION: PlanForm = {
  title: 'Record a disruption',
  view: 'routes/plans/disruption.njk',
  method: 'post',
  apiPath: (referralId) => `/referrals/${referralId}/plan/disruptions`,
  messages: {
    pillar: 'Select the pillar the disruption is under',
    significance: 'Select how significant the disruption was',
    description: 'Describe the disruption, in at most 4000 characters',
    occurredAt: 'Enter the date the disruption happened, for example 20 11 2026',
  },
  dateFields: ['occurredAt'],
  request: (values) => ({
    pillar: text(values.pillar) || undefined,
    significance: text(values.significance) || undefined,
    description: text(values.description),
    occurredAt: ukInstant(values.occurredAt, START_OF_DAY),
  }),
  notice: 'Disruption recorded',
};

export const SIGN_REVIEW: PlanForm = {
  title: 'Sign the joint review',
  view: 'routes/plans/review.njk',
  method: 'post',
  apiPath: (referralId) => `/referrals/${referralId}/plan/reviews`,
  messages: { summary: 'Summarise the joint review, in at most 4000 characters' },
  dateFields: [],
  request: (values) => ({ summary: text(values.summary) }),
  notice: 'Joint review signed',
  extras: (_plan, view) => ({ openReview: view.openReview }),
  applies: (view) => view.canSign,
};

/** What a plan form shows again after a refusal: what was typed (dates as their three boxes) and the errors. */
export function planFormValues(form: PlanForm, refused: FormFlash | undefined) {
  // Refused because the other owner changed the record meanwhile: the choices start again from the record as it now
  // is (what was written is kept).
  const kept = refused?.values ?? {};
  const values = refused?.problem.code === 'VERSION_CONFLICT' ? { outcome: kept.outcome } : kept;
  const dates = Object.fromEntries(form.dateFields.map((field) => [field, dateParts(values[field])]));
  const toField = (field: string) => {
    // An error about one item of a list links to its box and says which item (blank lines were never sent).
    const [, list, index] = /^(\w+)\[(\d+)\]$/.exec(field) ?? [];
    if (list !== undefined && form.lists && Object.hasOwn(form.lists, list)) {
      return { href: `#${list}`, label: `${form.lists[list]} ${Number(index) + 1}` };
    }
    return { href: `#${form.dateFields.includes(field) ? dateInputAnchor(field) : fieldId(field)}` };
  };
  const errors: ErrorSummary | undefined =
    refused && errorSummary(inPlainWords(refused.problem, form.messages), toField);
  return { values: { ...values, ...dates }, errors };
}
