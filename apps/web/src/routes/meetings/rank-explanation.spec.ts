import { RankedItem, whyRankedHere } from './rank-explanation';

const item = (rank: number, priority: string, riskScore: number, listedAt = '2026-11-01T10:00:00Z'): RankedItem => ({
  referralId: `id-${rank}`,
  reference: `REF-${rank}`,
  rank,
  priority,
  riskScore,
  listedAt,
});

describe('whyRankedHere', () => {
  const agenda = [
    item(1, 'P1', 80),
    item(2, 'P2', 40),
    item(3, 'P2', 30, '2026-11-01T09:00:00Z'),
    item(4, 'P2', 30, '2026-11-02T09:00:00Z'),
    item(5, 'P2', 30, '2026-11-02T09:00:00Z'),
  ];

  it('names the band when the item above is in a higher band', () => {
    expect(whyRankedHere(agenda[1], agenda)).toEqual([
      'Ranked 2 of 5: priority band P2, risk score 40.0.',
      'It comes after REF-1 (rank 1) because P1 is a higher priority band than P2.',
      'It comes before REF-3 (rank 3) because both are P2 and REF-2 has the higher risk score (40.0 against 30.0).',
    ]);
  });

  it('names the risk score, then the listing time, then the tie-break', () => {
    expect(whyRankedHere(agenda[3], agenda)).toEqual([
      'Ranked 4 of 5: priority band P2, risk score 30.0.',
      'It comes after REF-3 (rank 3) because both are P2 with risk score 30.0, and REF-3 was listed first.',
      'It comes before REF-5 (rank 5) because both are P2 with risk score 30.0, listed at the same time; the tie is broken by referral id.',
    ]);
  });

  it('keeps the frozen ranks when an item has left the ranking since (decided urgently)', () => {
    const withGap = agenda.filter((each) => each.rank !== 3);
    expect(whyRankedHere(withGap[3], withGap).slice(0, 2)).toEqual([
      'Ranked 5 of 5: priority band P2, risk score 30.0.',
      'It comes after REF-4 (rank 4) because both are P2 with risk score 30.0, listed at the same time; the tie is broken by referral id.',
    ]);
    expect(whyRankedHere(withGap[2], withGap.slice(0, 3))[0]).toBe('Ranked 4 of 4: priority band P2, risk score 30.0.');
  });

  it('says when nothing ranks above, and says nothing about below for the last item', () => {
    expect(whyRankedHere(agenda[0], agenda)[1]).toBe('Nothing on this agenda ranks above it.');
    expect(whyRankedHere(agenda[4], agenda)).toHaveLength(2);
  });
});
