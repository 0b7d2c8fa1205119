import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { freePortInRange } from '@rocu/observability';
import { say } from './log';
import { startTcpFailoverProxy, TcpFailoverProxy } from './tcp-failover-proxy';
import { PostgresServer } from './postgres';
import { ensureSearchAttributes } from './search-attributes';
import { dynamicConfigFile } from './temporal-dynamic-config';
import { DEFAULT_TEMPORAL_DATABASES, setUpTemporalDatabases, TemporalPersistence } from './temporal-postgres';
import { startTemporalProcess, TemporalProcess } from './temporal-process';
import { resolveTemporalServer, TemporalServerTools } from './temporal-server-tools';

const SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
type Service = (typeof SERVICES)[number];

/** Every node must agree on this; changing it needs a new database (the shards are persisted). */
const HISTORY_SHARDS = 4;
const NAMESPACE_RETENTION_MS = 3 * 24 * 3600 * 1000;

interface NodePorts {
  grpc: Record<Service, number>;
  membership: Record<Service, number>;
  frontendHttp: number;
}

/** Membership records keep ports in a smallint: every port of a node is below 32768. */
const freeNodePort = () => freePortInRange(20_000, 32_767);

async function allocatePorts(frontendPort?: number): Promise<NodePorts> {
  const grpc = {} as Record<Service, number>;
  const membership = {} as Record<Service, number>;
  for (const service of SERVICES) {
    grpc[service] = service === 'frontend' && frontendPort ? frontendPort : await freeNodePort();
    membership[service] = await freeNodePort();
  }
  return { grpc, membership, frontendHttp: await freeNodePort() };
}

/**
 * A node's configuration, from the module's config/development-postgres12.yaml: the same stores, shard
 * count, loopback membership and services, with this node's ports; no pprof, metrics or archival. Written as
 * JSON, which is YAML.
 */
function nodeConfig(persistence: TemporalPersistence, ports: NodePorts, dynamicConfigFile: string): object {
  const store = (database: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `${persistence.host}:${persistence.port}`,
      connectProtocol: 'tcp',
      user: persistence.user,
      password: persistence.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const services = Object.fromEntries(
    SERVICES.map((service) => [
      service,
      {
        rpc: {
          grpcPort: ports.grpc[service],
          membershipPort: ports.membership[service],
          bindOnLocalHost: true,
          ...(service === 'frontend' ? { httpPort: ports.frontendHttp } : {}),
        },
      },
    ]),
  );
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: HISTORY_SHARDS,
      datastores: {
        'postgres-default': store(persistence.database, 10),
        'postgres-visibility': store(persistence.visibilityDatabase, 2),
      },
    },
    // Nodes find each other through the cluster_membership table of the shared database.
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services,
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${ports.grpc.frontend}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
}

/** One server process running every service (frontend, history, matching, worker) of a cluster. */
export interface TemporalNode {
  name: string;
  /** This node's own frontend, host:port. */
  address: string;
  running(): boolean;
  /** (Re)starts it with the same configuration and ports and waits until it serves. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Kills it outright (SIGKILL), as a crash or a lost machine would. */
  kill(): Promise<void>;
}

/** Prepares a node's configuration in `dir` (on free loopback ports unless given); `start()` runs it. */
export async function temporalNode(
  tools: TemporalServerTools,
  persistence: TemporalPersistence,
  dir: string,
  name: string,
  frontendPort?: number,
): Promise<TemporalNode> {
  const ports = await allocatePorts(frontendPort);
  const configDir = join(dir, 'config');
  mkdirSync(configDir, { recursive: true });
  const dynamicConfigPath = join(dir, 'dynamicconfig.yaml');
  writeFileSync(dynamicConfigPath, JSON.stringify(dynamicConfigFile(), null, 2));
  // The server reads <config>/<env>.yaml; the node's name is its "environment". It holds a password: 0600.
  writeFileSync(
    join(configDir, `${name}.yaml`),
    JSON.stringify(nodeConfig(persistence, ports, dynamicConfigPath), null, 2),
    {
      mode: 0o600,
    },
  );
  const address = `127.0.0.1:${ports.grpc.frontend}`;
  let server: TemporalProcess | undefined;
  return {
    name,
    address,
    running: () => server !== undefined,
    start: async () => {
      if (server) return;
      const args = ['--root', dir, '--config', 'config', '--env', name, '--allow-no-auth', 'start'];
      server = await startTemporalProcess(tools.server, args, address);
    },
    stop: async () => {
      await server?.stop();
      server = undefined;
    },
    kill: async () => {
      await server?.kill();
      server = undefined;
    },
  };
}

const ALREADY_EXISTS = 6;

/**
 * Registers the namespace (once; a restart finds it there) and waits until every running node's frontend
 * knows it (namespace caches refresh every few seconds).
 */
async function ensureNamespace(nodes: TemporalNode[], namespace: string): Promise<void> {
  for (const node of nodes.filter((candidate) => candidate.running())) {
    const connection = await Connection.connect({ address: node.address, connectTimeout: 10_000 });
    try {
      if (node === nodes[0]) {
        await connection.workflowService
          .registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(NAMESPACE_RETENTION_MS) })
          .catch((error: { code?: number }) => {
            if (error.code !== ALREADY_EXISTS) throw error;
          });
      }
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          await connection.workflowService.countWorkflowExecutions({ namespace });
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await new Promise((wake) => setTimeout(wake, 500));
        }
      }
    } finally {
      await connection.close();
    }
  }
}

export interface TemporalCluster {
  /** The address clients and workers use: the failover proxy with several nodes, else the node itself. */
  address: string;
  nodes: TemporalNode[];
  proxy?: TcpFailoverProxy;
  stop(): Promise<void>;
}

export interface TemporalClusterOptions {
  tools: TemporalServerTools;
  persistence: TemporalPersistence;
  /** Configuration folder; each node gets a subfolder. */
  dir: string;
  /** Server processes sharing the persistence (default 2). */
  nodes?: number;
  /** Port of the clients' address (the proxy's; the node's with one node); default a free one. */
  port?: number;
  namespace?: string;
}

/**
 * Temporal on Postgres as `nodes` server processes sharing the same databases, membership on loopback, each
 * on its own ports; with more than one, a failover proxy in front is the one address clients use. Nodes
 * start one after another (the first creates the cluster metadata), then the namespace and the referral
 * workflows' search attributes are registered.
 */
export async function startTemporalCluster(options: TemporalClusterOptions): Promise<TemporalCluster> {
  const count = options.nodes ?? 2;
  const nodes: TemporalNode[] = [];
  let proxy: TcpFailoverProxy | undefined;
  const stop = async (): Promise<void> => {
    await proxy?.close();
    await Promise.all(nodes.map((node) => node.stop()));
  };
  try {
    for (let index = 1; index <= count; index += 1) {
      const name = `node${index}`;
      // With one node there is no proxy: the node itself takes the clients' port.
      const port = count === 1 ? options.port : undefined;
      const node = await temporalNode(options.tools, options.persistence, join(options.dir, name), name, port);
      nodes.push(node);
      await node.start();
      say(`Temporal server ${name} ready at ${node.address}`);
    }
    const namespace = options.namespace ?? 'default';
    await ensureNamespace(nodes, namespace);
    // The referral workflows upsert their search attributes: without them registered, their tasks fail.
    await ensureSearchAttributes(nodes[0].address, namespace);
    if (count > 1) {
      proxy = await startTcpFailoverProxy(
        nodes.map((node) => node.address),
        options.port,
      );
      say(`Temporal cluster of ${count} nodes behind ${proxy.address}`);
    }
    return { address: proxy?.address ?? nodes[0].address, nodes, proxy, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Everything from nothing: the server (built once), its two databases on `postgres` (created and migrated
 * with the SQL tool), then the cluster.
 */
export async function startTemporalOnPostgres(
  postgres: PostgresServer,
  options: Omit<TemporalClusterOptions, 'tools' | 'persistence'> & { databases?: typeof DEFAULT_TEMPORAL_DATABASES },
): Promise<TemporalCluster> {
  const tools = await resolveTemporalServer();
  const persistence = await setUpTemporalDatabases(tools, postgres, options.databases);
  return startTemporalCluster({ ...options, tools, persistence });
}
