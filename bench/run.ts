import 'reflect-metadata';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { PROJECT_ROOT } from '../scripts/lib/project-paths';
import { single } from './cpu-usage';
import { machineFacts } from './machine';
import { startBareWorker } from './minimal/bare-worker';
import { Phase, parseOptions } from './options';
import { benchAuditAppends } from './phases/audit-appends';
import { benchBareTemporal, BareTemporalResults } from './phases/bare-temporal';
import type { BenchContext } from './phases/context';
import { benchLifecycle } from './phases/lifecycle';
import { benchRanking } from './phases/ranking';
import { benchReadPath } from './phases/read-path';
import { benchSubmission } from './phases/submission';
import { benchWorkerMemory } from './phases/worker-memory';
import { PhaseReport, renderReport, writeResults } from './report';
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
  }
}

/**
 * `npm run bench`: measures the gateway against the bare engines on the same machine in the same run and
 * prints ratios (see bench/README.md). Targets are reported, never asserted.
 */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const machine = machineFacts();
  const command = commandLine();
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const needsStack = options.phases.some((phase) => phase !== 6);
  const stack = needsStack ? await startBenchStack(process.env) : undefined;
  const cleanups: (() => Promise<void>)[] = [];
  if (stack) cleanups.push(() => stack.stop());
  const onSignal = () => {
    say('interrupted: stopping what the bench started');
    void Promise.all(cleanups.reverse().map((cleanup) => cleanup().catch(() => undefined))).then(() =>
      process.exit(130),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

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
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error: unknown) => say(`while stopping: ${String(error)}`));
  }
  process.stdout.write(`\n${renderReport(machine, command, reports, stack?.description)}\n`);
  const file = writeResults(join(PROJECT_ROOT, 'bench', 'results'), {
    machine,
    command,
    stack: stack?.description,
    options,
    phases: reports,
  });
  process.stdout.write(`results written to ${file}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
