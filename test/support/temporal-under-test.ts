import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabases, externalPostgres } from '../../scripts/lib/postgres';
import { freePortInRange } from '@rocu/observability';
import { startTemporalOnPostgres, TemporalCluster } from '../../scripts/lib/temporal-cluster';
import { startTemporalDevServer, TemporalServerHandle } from '../../scripts/lib/temporal-dev-server';
import { testEnvironment } from './test-environment';

/** A Temporal server a fault test owns (not the run's shared one), so it may kill and restart it. */
export interface TemporalUnderTest {
  name: string;
  address: string;
  /** Kills the whole server outright (every node), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same address and state. */
  restart(): Promise<void>;
  /** The cluster, for the tests that kill one node of several. */
  cluster?: TemporalCluster;
  stop(): Promise<void>;
}

/** The CLI's dev server persisted in a SQLite file, as `npm start` runs it. */
export async function devServerUnderTest(): Promise<TemporalUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'rocu-temporal-dev-'));
  // Below the ephemeral range, so no outgoing connection takes the port while the server is down.
  const options = { port: await freePortInRange(20_000, 32_767), dbFile: join(dir, 'temporal.sqlite') };
  let server: TemporalServerHandle | undefined = await startTemporalDevServer(options);
  return {
    name: 'dev server (SQLite file)',
    address: server.address,
    kill: async () => {
      await server?.kill();
      server = undefined;
    },
    restart: async () => {
      server = await startTemporalDevServer(options);
    },
    stop: async () => {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The Temporal server on the run's Postgres (its own two databases, dropped afterwards), as `nodes`
 * processes; with more than one, clients use the failover proxy's address.
 */
export async function postgresServerUnderTest(nodes: number): Promise<TemporalUnderTest> {
  const settings = testEnvironment();
  const postgres = externalPostgres(settings.adminUrl);
  // Named after the run's template so the runner's clean-up of a shared server drops them too.
  const prefix = `${settings.templateDatabase}_temporal_${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'rocu-temporal-cluster-'));
  const cluster = await startTemporalOnPostgres(postgres, {
    dir,
    nodes,
    databases: { database: prefix, visibilityDatabase: `${prefix}_visibility` },
  });
  return {
    name: nodes === 1 ? 'Postgres-backed server' : `Postgres-backed ${nodes}-node cluster`,
    address: cluster.address,
    cluster,
    kill: async () => {
      await Promise.all(cluster.nodes.map((node) => node.kill()));
    },
    restart: async () => {
      for (const node of cluster.nodes) await node.start();
    },
    stop: async () => {
      await cluster.stop();
      await dropDatabases(postgres, prefix);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One line of figures a fault test prints (operations, faults injected, lost, duplicated, and its own). */
export function printFigures(test: string, figures: Record<string, string | number>): void {
  const text = Object.entries(figures)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
  process.stdout.write(`[fault] ${test}: ${text}\n`);
}
