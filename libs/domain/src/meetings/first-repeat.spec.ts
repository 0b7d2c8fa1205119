import fc from 'fast-check';
import { firstRepeat } from './first-repeat';

/** The same answer from a Set, the obvious way. */
function firstRepeatBySet(keys: readonly string[]): number {
  const seen = new Set<string>();
  return keys.findIndex((key) => seen.size === seen.add(key).size);
}

describe('firstRepeat', () => {
  it('finds the first key equal to an earlier one, as a Set would', () => {
    expect(firstRepeat([])).toBe(-1);
    expect(firstRepeat(['a', 'b', 'c'])).toBe(-1);
    expect(firstRepeat(['a', 'b', 'a', 'b'])).toBe(2);
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 200 }), (keys) => {
        expect(firstRepeat(keys)).toBe(firstRepeatBySet(keys));
      }),
    );
  });

  it('tells apart keys whose hashes collide', () => {
    // 5,000 keys in 16,384 slots: lookups probe past other keys' slots; equality, not the slot, decides.
    const keys = Array.from({ length: 5000 }, (_, index) => `key-${index}`);
    expect(firstRepeat(keys)).toBe(-1);
    expect(firstRepeat([...keys, 'key-4321'])).toBe(5000);
  });
});
