import fc from 'fast-check';
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

  it('writes dates and times as en-GB Intl formatting in Europe/London does (1990-2110)', () => {
    const zone = { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' } as const;
    const dateOnly = new Intl.DateTimeFormat('en-GB', zone);
    const withTime = new Intl.DateTimeFormat('en-GB', { ...zone, hour: '2-digit', minute: '2-digit' });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2110, 11, 31) }), (t) => {
        const iso = new Date(t).toISOString();
        expect(NUNJUCKS_FILTERS.date(iso)).toBe(dateOnly.format(new Date(t)));
        expect(NUNJUCKS_FILTERS.dateTime(iso)).toBe(withTime.format(new Date(t)).replace(', ', ' at '));
      }),
      { numRuns: 2000 },
    );
  });
});
