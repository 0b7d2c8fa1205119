import { anchorOf, findPage, nextPage, pageAsking, pagesFor } from './question-pages';
import { newDraft, toSubmission } from './referral-draft';

const FORCE_PAGES = pagesFor({ agency: false });
const AGENCY_PAGES = pagesFor({ agency: true });

const page = (slug: string) => {
  const found = findPage(slug, AGENCY_PAGES);
  if (!found) throw new Error(`no page ${slug}`);
  return found;
};

describe('question pages', () => {
  it('finds the page asking each refused field, nominals apart from the subject', () => {
    expect(pageAsking('subject.name')?.slug).toBe('subject');
    expect(pageAsking('subject.nominals[1].role')?.slug).toBe('nominals');
    expect(pageAsking('crimeTypes[0]')?.slug).toBe('crime-types');
    expect(pageAsking('threatToLife')?.slug).toBe('urgency');
    expect(pageAsking('intelligence[0].grading.source')?.slug).toBe('intelligence');
    expect(pageAsking('somethingElse')).toBeUndefined();
  });

  it('links a refused checkbox entry to its group and any other field to itself', () => {
    expect(anchorOf(page('crime-types'), 'crimeTypes[3]')).toBe('crimeTypes');
    expect(anchorOf(page('intelligence'), 'intelligence[0].conditions')).toBe('intelligence-0-conditions');
  });

  it('goes through the pages in order, ending after the classification', () => {
    expect(nextPage(page('subject'), FORCE_PAGES)?.slug).toBe('nominals');
    expect(nextPage(page('classification'), FORCE_PAGES)).toBeUndefined();
  });

  it("asks an agency for the region's gateway after the forces affected, and a force never", () => {
    expect(nextPage(page('forces'), AGENCY_PAGES)?.slug).toBe('region');
    expect(nextPage(page('forces'), FORCE_PAGES)?.slug).toBe('capabilities');
    expect(findPage('region', FORCE_PAGES)).toBeUndefined();
    expect(pageAsking('region')?.slug).toBe('region');
  });

  it('adds and removes nominal rows, showing the page again, and drops empty rows on continuing', () => {
    const nominals = page('nominals');
    const typed = { subject: { nominals: [{ identifier: 'PND-1', role: 'PRINCIPAL' }] } };
    const added = nominals.save(newDraft(), { ...typed, action: 'add' });
    expect(added.again).toBe(true);
    expect(added.draft.subject.nominals).toEqual([
      { identifier: 'PND-1', role: 'PRINCIPAL' },
      { identifier: '', role: '' },
    ]);
    const removed = nominals.save(added.draft, {
      subject: {
        nominals: [
          { identifier: 'PND-1', role: 'PRINCIPAL' },
          { identifier: 'PND-2', role: '' },
        ],
      },
      action: 'remove-0',
    });
    expect(removed.draft.subject.nominals).toEqual([{ identifier: 'PND-2', role: '' }]);
    const continued = nominals.save(added.draft, {
      subject: {
        nominals: [
          { identifier: 'PND-1', role: 'PRINCIPAL' },
          { identifier: ' ', role: '' },
        ],
      },
      action: 'continue',
    });
    expect(continued).toEqual({
      again: false,
      draft: expect.objectContaining({
        subject: expect.objectContaining({ nominals: [{ identifier: 'PND-1', role: 'PRINCIPAL' }] }),
      }),
    });
  });

  it('reads a checkbox group whether nothing, one or several boxes were ticked', () => {
    const crimeTypes = page('crime-types');
    expect(crimeTypes.save(newDraft(), {}).draft.crimeTypes).toEqual([]);
    expect(crimeTypes.save(newDraft(), { crimeTypes: 'FRAUD' }).draft.crimeTypes).toEqual(['FRAUD']);
    expect(crimeTypes.save(newDraft(), { crimeTypes: ['FRAUD', 'CYBER_CRIME'] }).draft.crimeTypes).toEqual([
      'FRAUD',
      'CYBER_CRIME',
    ]);
  });
});

describe('toSubmission', () => {
  it('sends the region only when an agency chose one', () => {
    expect(toSubmission({ ...newDraft(), region: 'YHROCU' }).region).toBe('YHROCU');
    expect(toSubmission(newDraft()).region).toBeUndefined();
  });

  it('leaves unanswered questions out so the API names each, and turns yes/no into a boolean', () => {
    const body = toSubmission({ ...newDraft(), threatToLife: 'yes', summary: '  ' });
    expect(body).toMatchObject({ threatToLife: true, summary: undefined, urgency: undefined, crimeTypes: [] });
    expect(toSubmission({ ...newDraft(), threatToLife: 'no' }).threatToLife).toBe(false);
    expect(toSubmission(newDraft()).threatToLife).toBeUndefined();
  });

  it('sends conditions only when given', () => {
    const draft = {
      ...newDraft(),
      intelligence: [{ reference: 'IR-1', grading: { source: '1', information: 'A', handling: 'P' }, conditions: '' }],
    };
    expect(toSubmission(draft).intelligence).toEqual([
      { reference: 'IR-1', grading: { source: '1', information: 'A', handling: 'P' }, conditions: undefined },
    ]);
  });
});
