import { searchTerm } from './referral-list.view-model';

describe('the referrals search', () => {
  it('drops the invisible characters the API refuses, as a reference pasted from elsewhere may carry', () => {
    expect(searchTerm(' YH-2026\u200B-000123\u00AD ')).toBe('YH-2026-000123');
    expect(searchTerm('\u202EOperation Larch')).toBe('Operation Larch');
  });

  it('keeps at most 100 characters, never half of one', () => {
    expect(searchTerm('a'.repeat(150))).toBe('a'.repeat(100));
    const emoji = '\u{1F600}';
    const cut = searchTerm(`${'a'.repeat(99)}${emoji}${emoji}`);
    expect([...cut]).toHaveLength(100);
    expect(cut.endsWith(emoji)).toBe(true);
  });
});
