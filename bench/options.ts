export const PHASES = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type Phase = (typeof PHASES)[number];

/** The Temporal the stack runs on: the CLI's dev server (SQLite in memory) or the Temporal server on Postgres. */
export const TEMPORAL_ENGINES = ['dev', 'server'] as const;
export type TemporalEngine = (typeof TEMPORAL_ENGINES)[number];

export interface BenchOptions {
  /** Operations per throughput phase (1 and 2; ten times as many audit appends in 7). */
  n: number;
  /** Requests / operations in flight at once. */
  concurrency: number;
  /** Referrals driven through the whole lifecycle in phase 3. */
  lifecycleN: number;
  /** Table sizes the read path is measured at (phase 4), ascending: seeded to each in turn. */
  seedN: number[];
  /** Requests per read query (HTTP and raw SQL alike). */
  readN: number;
  /** Open referral workflows for the memory phase (5). */
  memoryN: number;
  /** Items ranked in phase 6. */
  rankN: number;
  phases: Phase[];
  /** Each engine gets a run of the phases, in this order, and a report. */
  temporal: TemporalEngine[];
  quick: boolean;
}

const FULL = {
  n: 500,
  concurrency: 16,
  lifecycleN: 200,
  seedN: [100_000],
  readN: 200,
  memoryN: 10_000,
  rankN: 100_000,
};
const QUICK = { n: 100, concurrency: 8, lifecycleN: 30, seedN: [10_000], readN: 50, memoryN: 300, rankN: 20_000 };

export const USAGE = `npm run bench -- [--quick] [--n=500] [--c=16] [--phases=1,2,3,4,5,6,7,8] [--temporal=dev|server|dev,server]
  [--lifecycle-n=200] [--seed-n=100000 or 100k,1m] [--read-n=200] [--memory-n=10000] [--rank-n=100000]
Each option may also be given as an environment variable: BENCH_N, BENCH_C, BENCH_PHASES, BENCH_TEMPORAL,
BENCH_LIFECYCLE_N, BENCH_SEED_N, BENCH_READ_N, BENCH_MEMORY_N, BENCH_RANK_N, BENCH_QUICK=1 (argv wins).
Uses DATABASE_URL / TEMPORAL_ADDRESS when set; with API_URL (and WORKER_PID for phase 5) it drives an
existing stack instead of starting one.`;

function readArgs(argv: readonly string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument ${arg}\n${USAGE}`);
    args.set(match[1], match[2] ?? 'true');
  }
  return args;
}

function positiveInt(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive integer, not ${value}`);
  return parsed;
}

/** Sizes such as 100000 or 100k,1m, ascending and distinct. */
function parseSizes(name: string, value: string): number[] {
  const sizes = value.split(',').map((part) => {
    const match = /^(\d+)([km]?)$/i.exec(part.trim());
    if (!match) throw new Error(`${name} takes sizes such as 100000 or 100k,1m, not ${part}`);
    const factor = { '': 1, k: 1_000, m: 1_000_000 }[match[2].toLowerCase() as '' | 'k' | 'm'];
    return positiveInt(name, String(Number(match[1]) * factor));
  });
  return [...new Set(sizes)].sort((a, b) => a - b);
}

function parsePhases(value: string): Phase[] {
  const phases = value.split(',').map((part) => Number(part.trim()));
  const bad = phases.filter((phase) => !(PHASES as readonly number[]).includes(phase));
  if (bad.length > 0) throw new Error(`unknown phase(s) ${bad.join(', ')}; phases are ${PHASES.join(', ')}`);
  return [...new Set(phases as Phase[])].sort((a, b) => a - b);
}

function parseEngines(value: string): TemporalEngine[] {
  const engines = value.split(',').map((part) => part.trim());
  const bad = engines.filter((engine) => !(TEMPORAL_ENGINES as readonly string[]).includes(engine));
  if (bad.length > 0)
    throw new Error(`unknown --temporal ${bad.join(', ')}; choose from ${TEMPORAL_ENGINES.join(', ')}`);
  return [...new Set(engines as TemporalEngine[])];
}

/** Options from argv first, then BENCH_* environment variables, then defaults (full or --quick). */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const args = readArgs(argv);
  if (args.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const pick = (arg: string, variable: string): string | undefined => args.get(arg) ?? env[variable];
  const quick = pick('quick', 'BENCH_QUICK') === 'true' || env.BENCH_QUICK === '1';
  const base = quick ? QUICK : FULL;
  const int = (arg: string, variable: string, fallback: number): number => {
    const value = pick(arg, variable);
    return value === undefined ? fallback : positiveInt(`--${arg}`, value);
  };
  const phases = pick('phases', 'BENCH_PHASES');
  const temporal = pick('temporal', 'BENCH_TEMPORAL');
  const seedN = pick('seed-n', 'BENCH_SEED_N');
  return {
    quick,
    n: int('n', 'BENCH_N', base.n),
    concurrency: int('c', 'BENCH_C', base.concurrency),
    lifecycleN: int('lifecycle-n', 'BENCH_LIFECYCLE_N', base.lifecycleN),
    seedN: seedN ? parseSizes('--seed-n', seedN) : base.seedN,
    readN: int('read-n', 'BENCH_READ_N', base.readN),
    memoryN: int('memory-n', 'BENCH_MEMORY_N', base.memoryN),
    rankN: int('rank-n', 'BENCH_RANK_N', base.rankN),
    phases: phases ? parsePhases(phases) : [...PHASES],
    temporal: temporal ? parseEngines(temporal) : ['dev'],
  };
}
