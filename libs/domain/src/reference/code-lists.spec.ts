import { CAPABILITIES, CRIME_TYPES, isCodeIn } from './code-lists';

describe('code lists', () => {
  it.each([
    ['CRIME_TYPES', CRIME_TYPES, 11],
    ['CAPABILITIES', CAPABILITIES, 17],
  ] as const)('%s has unique upper-snake codes and names', (_label, list, size) => {
    expect(list).toHaveLength(size);
    expect(new Set(list.map((e) => e.code)).size).toBe(list.length);
    for (const entry of list) {
      expect(entry.code).toMatch(/^[A-Z][A-Z_]*$/);
      expect(entry.name.length).toBeGreaterThan(0);
    }
  });

  it('contains the codes other modules rely on', () => {
    expect(isCodeIn(CRIME_TYPES, 'COUNTY_LINES')).toBe(true);
    expect(isCodeIn(CAPABILITIES, 'UNDERCOVER_ONLINE')).toBe(true);
    expect(isCodeIn(CAPABILITIES, 'SOC_OPERATIONAL_INVESTIGATION')).toBe(true);
    expect(isCodeIn(CAPABILITIES, 'BANANAS')).toBe(false);
  });
});
