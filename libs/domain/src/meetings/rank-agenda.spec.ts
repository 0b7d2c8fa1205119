import fc from 'fast-check';
import { DomainError } from '../errors/domain-error';
import { Priority } from '../scoring/scoring-scheme';
import { RankableItem, compareForAgenda, composeAgenda, rankAgendaItems } from './rank-agenda';

const item = (referralId: string, priority: Priority, riskScore: number, listedAt = '2026-01-05T09:00:00Z') => ({
  referralId,
  priority,
  riskScore,
  listedAt,
});
const ids = (items: readonly { referralId: string }[]) => items.map((i) => i.referralId);

describe('rankAgendaItems', () => {
  it('orders by priority band before risk score', () => {
    const ranked = rankAgendaItems([
      item('a', 'P2', 99),
      item('b', 'P1', 10),
      item('c', 'P4', 100),
      item('d', 'P3', 50),
    ]);
    expect(ids(ranked)).toEqual(['b', 'a', 'd', 'c']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });

  it('orders by risk score, highest first, within a band', () => {
    expect(ids(rankAgendaItems([item('a', 'P2', 40), item('b', 'P2', 72.5), item('c', 'P2', 55)]))).toEqual([
      'b',
      'c',
      'a',
    ]);
  });

  it('breaks score ties by the oldest listing, comparing instants not strings', () => {
    const ranked = rankAgendaItems([
      item('a', 'P2', 50, '2026-02-01T10:00:00Z'),
      item('b', 'P2', 50, '2026-01-15T10:00:00Z'),
      // 10:30 at +01:00 is 09:30Z: earlier than 'a' though it sorts later as a string.
      item('c', 'P2', 50, '2026-02-01T10:30:00+01:00'),
    ]);
    expect(ids(ranked)).toEqual(['b', 'c', 'a']);
  });

  it('falls back to referralId so equal items still have one order', () => {
    expect(ids(rankAgendaItems([item('R-2', 'P3', 1), item('R-10', 'P3', 1), item('R-1', 'P3', 1)]))).toEqual([
      'R-1',
      'R-10',
      'R-2',
    ]);
  });

  it('keeps extra fields and does not mutate its input', () => {
    const input = [
      { ...item('a', 'P3', 1), title: 'A' },
      { ...item('b', 'P1', 1), title: 'B' },
    ];
    const ranked = rankAgendaItems(input);
    expect(ranked[0]).toEqual({ ...item('b', 'P1', 1), title: 'B', rank: 1 });
    expect(ids(input)).toEqual(['a', 'b']);
    expect(input[0]).not.toHaveProperty('rank');
  });

  it('ranks an empty agenda', () => {
    expect(rankAgendaItems([])).toEqual([]);
  });

  it('refuses malformed or duplicated items', () => {
    expect(() => rankAgendaItems([item('a', 'P1', Number.NaN)])).toThrow(DomainError);
    expect(() => rankAgendaItems([item('a', 'P1', 1, 'yesterday')])).toThrow(/invalid listedAt/);
    expect(() => rankAgendaItems([item('a', 'P1', 1), item('a', 'P2', 2)])).toThrow(/listed twice/);
  });
});

describe('rankAgendaItems properties', () => {
  const arbItem: fc.Arbitrary<RankableItem> = fc.record({
    referralId: fc.string({ minLength: 1, maxLength: 4 }),
    priority: fc.constantFrom<Priority>('P1', 'P2', 'P3', 'P4'),
    riskScore: fc.integer({ min: 0, max: 5 }),
    listedAt: fc
      .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 0, 3) })
      .map((t) => new Date(Math.floor(t / 3_600_000) * 3_600_000).toISOString()),
  });
  const arbItems = fc.uniqueArray(arbItem, { selector: (i) => i.referralId, maxLength: 25 });

  it('returns a permutation with ranks 1..n, sorted by compareForAgenda', () => {
    fc.assert(
      fc.property(arbItems, (items) => {
        const ranked = rankAgendaItems(items);
        expect(ranked.map((r) => r.rank)).toEqual(items.map((_, i) => i + 1));
        expect([...ids(ranked)].sort()).toEqual([...ids(items)].sort());
        for (let i = 1; i < ranked.length; i += 1) {
          const previous = ranked[i - 1];
          const current = ranked[i];
          if (previous === undefined || current === undefined) throw new Error('unreachable');
          expect(compareForAgenda(previous, current)).toBeLessThan(0);
        }
      }),
    );
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(
        arbItems.chain((items) =>
          fc.tuple(
            fc.constant(items),
            fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }),
          ),
        ),
        ([items, shuffled]) => {
          expect(rankAgendaItems(shuffled)).toEqual(rankAgendaItems(items));
        },
      ),
    );
  });

  it('reads listedAt exactly as Date.parse does, whatever the instant or spelling', () => {
    const epoch = item('b', 'P2', 1, '1970-01-01T00:00:00.000Z');
    const listedAt = fc.oneof(
      fc.integer({ min: -8.64e15, max: 8.64e15 }).map((time) => new Date(time).toISOString()),
      fc.integer({ min: 0, max: 4e12 }).map((time) => new Date(time).toISOString().replace(/\.\d+Z$/, 'Z')),
      fc.constantFrom('2000-02-29T12:00:00.000Z', '2026-02-29T00:00:00.000Z', '2026-01-01T24:00:00.000Z'),
    );
    fc.assert(
      fc.property(listedAt, (at) => {
        // Equal band and score: the comparison is the difference of the two instants (if none, 'a' < 'b').
        expect(compareForAgenda(item('a', 'P2', 1, at), epoch)).toBe(Date.parse(at) || -1);
      }),
    );
  });

  it('ranks as a comparator sort would, with any scores (negative zero included)', () => {
    const scoredItem = fc.record({
      referralId: fc.string({ minLength: 1, maxLength: 3 }),
      priority: fc.constantFrom<Priority>('P1', 'P2'),
      riskScore: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1)),
      listedAt: fc.constantFrom('2026-01-05T09:00:00.000Z', '2026-01-05T10:00:00+01:00'),
    });
    fc.assert(
      fc.property(fc.uniqueArray(scoredItem, { selector: (i) => i.referralId, maxLength: 40 }), (items) => {
        expect(ids(rankAgendaItems(items))).toEqual(ids([...items].sort(compareForAgenda)));
      }),
    );
  });

  it('is antisymmetric and zero only for the same referral', () => {
    fc.assert(
      fc.property(arbItem, arbItem, (a, b) => {
        expect(Math.sign(compareForAgenda(a, b)) + Math.sign(compareForAgenda(b, a))).toBe(0);
        if (a.referralId !== b.referralId) expect(compareForAgenda(a, b)).not.toBe(0);
      }),
    );
  });
});

describe('composeAgenda', () => {
  it('lists a referral at most once: a new item wins over its ratification, and repeats are dropped', () => {
    const both = item('both', 'P2', 20);
    const composed = composeAgenda([item('a', 'P1', 30), both, both], [both, item('r', 'P1', 90), item('r', 'P1', 90)]);
    expect(composed.ranked.map((ranked) => [ranked.referralId, ranked.rank])).toEqual([
      ['a', 1],
      ['both', 2],
    ]);
    expect(ids(composed.ratifications)).toEqual(['r']);
    expect(composed.excluded).toEqual([]);
  });

  it('leaves an item that cannot be ranked off with its reason, and ranks the others', () => {
    const bad = { ...item('bad', 'P1', 10), priority: 'P9' as Priority };
    const composed = composeAgenda(
      [item('a', 'P3', 1), bad, item('b', 'P2', 1, 'not a date')],
      [item('r', 'P1', Number.NaN)],
    );
    expect(composed.ranked.map((ranked) => [ranked.referralId, ranked.rank])).toEqual([['a', 1]]);
    expect(composed.ratifications).toEqual([]);
    expect(composed.excluded).toEqual([
      { referralId: 'bad', reason: expect.stringContaining('unknown priority') },
      { referralId: 'b', reason: expect.stringContaining('invalid listedAt') },
      { referralId: 'r', reason: expect.stringContaining('risk score') },
    ]);
  });

  it('never lists an id twice, whatever the candidates (property)', () => {
    const candidate = fc.record({
      referralId: fc.constantFrom('a', 'b', 'c', 'd'),
      priority: fc.constantFrom<Priority>('P1', 'P2', 'P3', 'P4'),
      riskScore: fc.double({ min: 0, max: 100, noNaN: true }),
      listedAt: fc.constant('2026-01-05T09:00:00Z'),
    });
    fc.assert(
      fc.property(fc.array(candidate), fc.array(candidate), (fresh, ratifications) => {
        const composed = composeAgenda(fresh, ratifications);
        const listed = [...ids(composed.ranked), ...ids(composed.ratifications)];
        expect(new Set(listed).size).toBe(listed.length);
        expect(new Set(listed)).toEqual(new Set([...ids(fresh), ...ids(ratifications)]));
      }),
    );
  });
});
