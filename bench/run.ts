import 'reflect-metadata';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { PROJECT_ROOT } from '../scripts/lib/project-paths';
import { single } from './cpu-usage';
import { machineFacts } from './machine';
import { startBareWorker } from './minimal/bare-worker';
import { BenchOptions, Phase, parseOptions, TemporalEngine } from './options';
import { benchAuditAppends } from './phases/audit-appends';
import { benchBareTemporal, BareTemporalResults } from './phases/bare-temporal';
import type { BenchContext } from './phases/context';
import { benchLifecycle } from './phases/lifecycle';
import { benchRanking } from './phases/ranking';
import { benchReadPath } from './phases/read-path';
import { benchSubmission } from './phases/submission';
import { benchWebPath } from './phases/web-path';
import { benchWorkerMemory } from './phases/worker-memory';
import { PhaseReport, renderEngineComparison, renderReport, writeResults } from './report';
import { startBenchStack } from './stack/bench-stack';

const say = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

/** How this run was asked for, for the report (argv plus any BENCH_* settings). */
function commandLine(): string {
  const env = Object.entries(process.env)
    .filter(([key]) => key.startsWith('BENCH_') || ['API_URL', 'DATABASE_URL', 'TEMPORAL_ADDRESS'].includes(key))
    .map(([key, value]) => (key === 'DATABASE_URL' ? `${key}=...` : `${key}=${value}`));
  const args = process.argv.slice(2);
  return [...env, 'npm run bench', ...(args.length ? ['--', ...args] : [])].join(' ');
}

async function runPhase(
  phase: Phase,
  context: BenchContext,
  bare: { results?: BareTemporalResults },
): Promise<PhaseReport> {
  switch (phase) {
    case 1: {
      if (!context.bare) throw new Error('the bare worker is not running');
      const { results, report } = await benchBareTemporal(context.bare, context.options.n, context.options.concurrency);
      bare.results = results;
      return report;
    }
    case 2:
      return benchSubmission(context, bare.results);
    case 3:
      return benchLifecycle(context);
    case 4:
      return benchReadPath(context);
    case 5:
      return benchWorkerMemory(context);
    case 6:
      return benchRanking(context.options.rankN);
    case 7:
      return benchAuditAppends(context);
    case 8:
      return benchWebPath(context);
  }
}

/** What the bench started, stopped in reverse order at the end or on Ctrl-C. */
const cleanups: (() => Promise<void>)[] = [];

async function stopAll(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse())
    await cleanup().catch((error: unknown) => say(`while stopping: ${String(error)}`));
}

/** Runs the chosen phases against one stack (on the given Temporal) and stops it. */
async function benchOn(
  engine: TemporalEngine,
  options: BenchOptions,
): Promise<{ reports: PhaseReport[]; stack?: string }> {
  const needsStack = options.phases.some((phase) => phase !== 6);
  const stack = needsStack ? await startBenchStack(process.env, engine) : undefined;
  if (stack) cleanups.push(() => stack.stop());
  const reports: PhaseReport[] = [];
  try {
    const runId = Date.now().toString(36);
    let context: BenchContext | undefined;
    if (stack) {
      const connection = await Connection.connect({ address: stack.temporalAddress });
      cleanups.push(() => connection.close());
      context = { options, stack, client: new Client({ connection }), runId };
      if (options.phases.includes(1) || options.phases.includes(3)) {
        const worker = await startBareWorker(stack.temporalAddress, `bench-minimal-${runId}`);
        cleanups.push(() => worker.stop());
        const cpuGroups = { ...stack.processGroups, 'bench (client + bare worker)': single(process.pid) };
        context.bare = { client: context.client, taskQueue: worker.taskQueue, runId, cpuGroups };
      }
      say(stack.description);
    }
    const bare: { results?: BareTemporalResults } = {};
    for (const phase of options.phases) {
      say(`phase ${phase}`);
      const started = Date.now();
      try {
        reports.push(phase === 6 || !context ? benchRanking(options.rankN) : await runPhase(phase, context, bare));
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        say(`phase ${phase} failed: ${message}`);
        reports.push({
          phase,
          title: `phase ${phase} FAILED`,
          rows: [],
          notes: [message.split('\n')[0]],
          data: { error: message },
        });
      }
      say(`phase ${phase} took ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await stopAll();
  }
  return { reports, stack: stack?.description };
}

/**
 * `npm run bench`: measures the gateway against the bare engines on the same machine in the same run and
 * prints ratios (see bench/README.md). Targets are reported, never asserted. With `--temporal=dev,server`
 * the phases run against each Temporal in turn, each with its own report, then the two side by side.
 */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const machine = machineFacts();
  const command = commandLine();
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const onSignal = () => {
    say('interrupted: stopping what the bench started');
    void stopAll().then(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  // An existing stack (API_URL) runs on whatever Temporal it has: one run.
  const engines = process.env.API_URL || process.env.TEMPORAL_ADDRESS ? options.temporal.slice(0, 1) : options.temporal;
  const runs: { engine: TemporalEngine; reports: PhaseReport[]; stack?: string }[] = [];
  for (const engine of engines) {
    if (engines.length > 1) say(`--- on the ${engine === 'dev' ? 'dev server' : 'Temporal server'} ---`);
    runs.push({ engine, ...(await benchOn(engine, options)) });
  }
  for (const run of runs) {
    process.stdout.write(`\n${renderReport(machine, command, run.reports, run.stack)}\n`);
    const file = writeResults(join(PROJECT_ROOT, 'bench', 'results'), {
      machine,
      command,
      stack: run.stack,
      temporal: run.engine,
      options,
      phases: run.reports,
    });
    process.stdout.write(`results written to ${file}\n`);
  }
  if (runs.length > 1) process.stdout.write(`\n${renderEngineComparison(runs)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
