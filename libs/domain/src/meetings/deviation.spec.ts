import { ItemOutcome, passedOverBy } from './deviation';
import { MEETING_DECISIONS, MeetingDecision, isAdoption } from './meeting-types';

const agenda = [
  { referralId: 'R-1', rank: 1 },
  { referralId: 'R-2', rank: 2 },
  { referralId: 'R-3', rank: 3 },
  { referralId: 'R-4', rank: 4 },
];
const outcomes = (entries: Record<string, ItemOutcome>) => new Map(Object.entries(entries));

describe('passedOverBy', () => {
  it.each([
    ['deferred', 'DEFER'],
    ['declined', 'DECLINE_RETURN_TO_FORCE'],
    ['undecided', 'UNDECIDED'],
  ] as const)('adopting below a %s item is a deviation', (_, outcome) => {
    expect(
      passedOverBy(agenda, outcomes({ 'R-1': 'ADOPT_ROCU_LEAD', 'R-2': outcome }), 'R-3', 'ADOPT_ROCU_LEAD'),
    ).toEqual([{ referralId: 'R-2', rank: 2, outcome }]);
  });

  it('passes over no undecided item settled elsewhere, but still one this meeting deferred', () => {
    const settled = agenda.map((item) => ({ ...item, settledElsewhere: item.rank < 3 }));
    expect(passedOverBy(settled, new Map(), 'R-3', 'ADOPT_ROCU_LEAD')).toEqual([]);
    expect(passedOverBy(settled, outcomes({ 'R-2': 'DEFER' }), 'R-3', 'ADOPT_ROCU_LEAD')).toEqual([
      { referralId: 'R-2', rank: 2, outcome: 'DEFER' },
    ]);
  });

  it('treats an item missing from the outcomes as undecided', () => {
    expect(passedOverBy(agenda, new Map(), 'R-2', 'TASK_INTEL_DEVELOPMENT')).toEqual([
      { referralId: 'R-1', rank: 1, outcome: 'UNDECIDED' },
    ]);
  });

  it.each([
    'ADOPT_ROCU_LEAD',
    'ADOPT_SUPPORT_ONLY',
    'TASK_INTEL_DEVELOPMENT',
    'REFER_NATIONAL',
    'REFER_PARTNER',
  ] as const)('a higher item decided %s is not passed over', (higher) => {
    expect(passedOverBy(agenda, outcomes({ 'R-1': higher, 'R-2': higher }), 'R-3', 'ADOPT_SUPPORT_ONLY')).toEqual([]);
  });

  it('lists every passed-over item, highest rank first, and ignores lower ranks', () => {
    const state = outcomes({ 'R-1': 'DEFER', 'R-2': 'REFER_PARTNER', 'R-4': 'DEFER' });
    expect(passedOverBy(agenda, state, 'R-3', 'ADOPT_ROCU_LEAD')).toEqual([
      { referralId: 'R-1', rank: 1, outcome: 'DEFER' },
    ]);
    const shuffled = [...agenda].reverse();
    expect(passedOverBy(shuffled, new Map(), 'R-4', 'ADOPT_ROCU_LEAD').map((p) => p.rank)).toEqual([1, 2, 3]);
  });

  it('adopting the top item never deviates', () => {
    expect(passedOverBy(agenda, new Map(), 'R-1', 'ADOPT_ROCU_LEAD')).toEqual([]);
  });

  it.each(MEETING_DECISIONS.filter((d) => !isAdoption(d)))(
    'non-adoption %s never deviates',
    (decision: MeetingDecision) => {
      expect(passedOverBy(agenda, new Map(), 'R-4', decision)).toEqual([]);
    },
  );

  it('an item not on the agenda passes over nothing', () => {
    expect(passedOverBy(agenda, new Map(), 'R-9', 'ADOPT_ROCU_LEAD')).toEqual([]);
  });
});
