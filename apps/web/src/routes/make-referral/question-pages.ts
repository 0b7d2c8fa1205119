import { fieldId } from '../../errors/error-summary';
import { addAnother } from '../../forms/add-another';
import { record, rows, text, texts } from '../../forms/form-values';
import { emptyIntelligence, emptyNominal, IntelligenceAnswer, NominalAnswer, ReferralDraft } from './referral-draft';

/** What posting a question page does: the updated draft, and whether to show the page again (add/remove a row). */
export interface PageAnswer {
  draft: ReferralDraft;
  again: boolean;
}

/** One GOV.UK question page of "Make a referral": what it asks and how its answers go into the draft. */
export interface QuestionPage {
  slug: string;
  /** The question, used as the page heading and the label of its answers on Check your answers. */
  title: string;
  /** The submission fields it asks (API paths; a refusal of `field`, `field.x` or `field[n]` belongs here). */
  fields: readonly string[];
  /** A checkbox group: every refused entry links to the group. */
  group?: boolean;
  /** Asked only of a partner agency (a force's region is reference data; an agency serves none). */
  agencyOnly?: boolean;
  save(draft: ReferralDraft, body: Record<string, unknown>): PageAnswer;
}

const nominalOf = (row: Record<string, unknown>): NominalAnswer => ({
  identifier: text(row.identifier),
  role: text(row.role),
});

const intelligenceOf = (row: Record<string, unknown>): IntelligenceAnswer => {
  const grading = record(row.grading);
  return {
    reference: text(row.reference),
    grading: { source: text(grading.source), information: text(grading.information), handling: text(grading.handling) },
    conditions: text(row.conditions),
  };
};

/** Rows the person left completely empty are dropped when they move on. */
const blank = (...answers: string[]): boolean => answers.every((answer) => answer.trim() === '');
const blankNominal = (row: NominalAnswer): boolean => blank(row.identifier, row.role);
const blankIntelligence = (row: IntelligenceAnswer): boolean =>
  blank(row.reference, row.grading.source, row.grading.information, row.grading.handling, row.conditions);

const simple = (
  slug: string,
  title: string,
  fields: string[],
  apply: (draft: ReferralDraft, body: Record<string, unknown>) => ReferralDraft,
  group = false,
): QuestionPage => ({
  slug,
  title,
  fields,
  group,
  save: (draft, body) => ({ draft: apply(draft, body), again: false }),
});

export const QUESTION_PAGES: readonly QuestionPage[] = [
  simple(
    'subject',
    'Who or what is the referral about?',
    ['subject.type', 'subject.name', 'subject.existingRef'],
    (draft, body) => {
      const subject = record(body.subject);
      return {
        ...draft,
        subject: {
          ...draft.subject,
          type: text(subject.type),
          name: text(subject.name),
          existingRef: text(subject.existingRef),
        },
      };
    },
  ),
  {
    slug: 'nominals',
    title: 'Nominals',
    fields: ['subject.nominals'],
    save: (draft, body) => {
      const typed = rows(record(body.subject).nominals).map(nominalOf);
      const { list, again } = addAnother(typed, text(body.action), emptyNominal);
      return {
        draft: {
          ...draft,
          subject: { ...draft.subject, nominals: again ? list : list.filter((row) => !blankNominal(row)) },
        },
        again,
      };
    },
  },
  simple(
    'crime-types',
    'Which crime types are involved?',
    ['crimeTypes'],
    (draft, body) => ({ ...draft, crimeTypes: texts(body.crimeTypes) }),
    true,
  ),
  simple(
    'forces',
    'Which forces are affected?',
    ['forcesAffected'],
    (draft, body) => ({ ...draft, forcesAffected: texts(body.forcesAffected) }),
    true,
  ),
  {
    ...simple('region', "Which region's gateway should receive it?", ['region'], (draft, body) => ({
      ...draft,
      region: text(body.region),
    })),
    agencyOnly: true,
  },
  simple(
    'capabilities',
    'Which ROCU capabilities do you need?',
    ['requestedCapabilities'],
    (draft, body) => ({ ...draft, requestedCapabilities: texts(body.requestedCapabilities) }),
    true,
  ),
  simple('urgency', 'How urgent is it?', ['urgency', 'threatToLife'], (draft, body) => ({
    ...draft,
    urgency: text(body.urgency),
    threatToLife: text(body.threatToLife),
  })),
  simple('summary', 'Threat, risk and harm summary', ['summary'], (draft, body) => ({
    ...draft,
    summary: text(body.summary),
  })),
  {
    slug: 'intelligence',
    title: 'Intelligence',
    fields: ['intelligence'],
    save: (draft, body) => {
      const typed = rows(body.intelligence).map(intelligenceOf);
      const { list, again } = addAnother(typed, text(body.action), emptyIntelligence);
      return { draft: { ...draft, intelligence: again ? list : list.filter((row) => !blankIntelligence(row)) }, again };
    },
  },
  simple('classification', 'What is the classification?', ['classification'], (draft, body) => ({
    ...draft,
    classification: text(body.classification),
  })),
];

const belongs = (field: string, prefix: string): boolean =>
  field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);

/** The question page that asks a submission field, if any. */
export function pageAsking(field: string): QuestionPage | undefined {
  return QUESTION_PAGES.find((page) => page.fields.some((prefix) => belongs(field, prefix)));
}

/** Who is referring, as far as the pages asked depend on it. */
export interface Referrer {
  agency: boolean;
}

/** The pages this referrer is asked, in order. */
export function pagesFor(referrer: Referrer): readonly QuestionPage[] {
  return QUESTION_PAGES.filter((page) => referrer.agency || !page.agencyOnly);
}

export function findPage(slug: string, pages: readonly QuestionPage[]): QuestionPage | undefined {
  return pages.find((page) => page.slug === slug);
}

/** The page after this one (undefined after the last: Check your answers). */
export function nextPage(page: QuestionPage, pages: readonly QuestionPage[]): QuestionPage | undefined {
  return pages[pages.indexOf(page) + 1];
}

export function previousPage(page: QuestionPage, pages: readonly QuestionPage[]): QuestionPage | undefined {
  return pages[pages.indexOf(page) - 1];
}

/** Where a refused field is on its page: the field itself, or the first box of a checkbox group. */
export function anchorOf(page: QuestionPage, field: string): string {
  return page.group ? fieldId(page.fields[0]) : fieldId(field);
}
