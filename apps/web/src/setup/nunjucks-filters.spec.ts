import { NUNJUCKS_FILTERS } from './nunjucks-filters';

describe('nunjucks filters', () => {
  describe('tag', () => {
    it('renders GOV.UK tag markup with its colour class', () => {
      expect(String(NUNJUCKS_FILTERS.tag({ text: 'Overdue', classes: 'govuk-tag--red' }))).toBe(
        '<strong class="govuk-tag govuk-tag--red">Overdue</strong>',
      );
    });

    it('escapes the text and classes it is given', () => {
      expect(String(NUNJUCKS_FILTERS.tag({ text: `<b>"O'Neil" & co</b>`, classes: '"x' }))).toBe(
        '<strong class="govuk-tag &quot;x">&lt;b&gt;&quot;O&#39;Neil&quot; &amp; co&lt;/b&gt;</strong>',
      );
    });

    it('renders a tag without classes, and nothing for no tag', () => {
      expect(String(NUNJUCKS_FILTERS.tag({ text: 'New' }))).toBe('<strong class="govuk-tag">New</strong>');
      expect(NUNJUCKS_FILTERS.tag(undefined)).toBe('');
    });
  });

  it('shows an instant in UK local time', () => {
    expect(NUNJUCKS_FILTERS.dateTime('2026-07-01T13:30:00Z')).toBe('1 July 2026 at 14:30');
    expect(NUNJUCKS_FILTERS.date('2026-12-01T23:30:00Z')).toBe('1 December 2026');
    expect(NUNJUCKS_FILTERS.date('not a date')).toBe('');
  });
});
