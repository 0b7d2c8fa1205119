import { performance } from 'node:perf_hooks';
import { rankAgendaItems, type Priority, type RankableItem } from '@rocu/domain';
import { seededRandom } from '../seed/seed-rows';
import type { PhaseReport, Row } from '../report';
import { median } from '../stats';

const RUNS = 7;
const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];

function candidates(count: number): RankableItem[] {
  const random = seededRandom(42);
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, index) => {
    const riskScore = Math.round(random() * 600) / 10;
    return {
      referralId: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
      priority: PRIORITIES[Math.min(3, Math.floor(random() * 4))],
      riskScore,
      listedAt: new Date(start + Math.floor(random() * 365 * 86_400_000)).toISOString(),
    };
  });
}

/**
 * The median time of each operation over RUNS rounds after one warm-up round, the operations taken in turn
 * within each round: each then runs in the same heap, JIT and machine state as the others. Timed one after
 * another instead, a plain sort of the same objects took 41 ms late in a full run and 110 ms in a fresh
 * process, and the ratio moved with it (bench/README.md, "Ranking: phase 6 alone").
 */
function timeInTurn<K extends string>(operations: Record<K, () => unknown>): Record<K, number> {
  const entries = Object.entries(operations) as [K, () => unknown][];
  for (const [, operation] of entries) operation();
  const samples = new Map<K, number[]>(entries.map(([name]) => [name, []]));
  for (let run = 0; run < RUNS; run += 1) {
    for (const [name, operation] of entries) {
      const started = performance.now();
      operation();
      samples.get(name)?.push(performance.now() - started);
    }
  }
  return Object.fromEntries(entries.map(([name]) => [name, median(samples.get(name) ?? [])])) as Record<K, number>;
}

/** Phase 6: rankAgendaItems over rankN assessed referrals vs a plain sort of the same objects by score. */
export function benchRanking(rankN: number): PhaseReport {
  const items = candidates(rankN);
  const {
    plainSort,
    typedSort,
    sortWithCopies,
    rank: rankMs,
  } = timeInTurn({
    plainSort: () => [...items].sort((a, b) => b.riskScore - a.riskScore),
    typedSort: () => Float64Array.from(items, (item) => item.riskScore).sort(),
    sortWithCopies: () =>
      [...items]
        .sort((a, b) => b.riskScore - a.riskScore)
        .map((item, index) => Object.assign({}, item, { rank: index + 1 })),
    rank: () => rankAgendaItems(items),
  });
  const rows: Row[] = [
    { metric: 'rankAgendaItems vs plain sort', unit: 'ms', ours: rankMs, baseline: plainSort, target: '<= 3' },
    { metric: 'rankAgendaItems vs plain sort + ranked copies', unit: 'ms', ours: rankMs, baseline: sortWithCopies },
    { metric: 'plain sort of the objects by riskScore', unit: 'ms', ours: plainSort },
    { metric: 'typed-array sort of the scores alone', unit: 'ms', ours: typedSort },
    {
      metric: 'plain sort + ranked copies (the least any ranking does)',
      unit: 'ms',
      ours: sortWithCopies,
      baseline: plainSort,
    },
  ];
  const notes = [
    `median of ${RUNS} rounds after a warm-up round, the four operations timed in turn within each round; ${rankN} items with priority P1-P4, riskScore 0-60, listedAt over a year`,
  ];
  return {
    phase: 6,
    title: `Ranking: ${rankN} assessed referrals for an agenda`,
    rows,
    notes,
    data: { rankN, rankMs, plainSort, typedSort, sortWithCopies },
  };
}
