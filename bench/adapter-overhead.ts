import { ChildProcess, fork } from 'node:child_process';
import type { IncomingHttpHeaders } from 'node:http';
import { loadavg } from 'node:os';
import { Pool } from 'undici';
import { ADAPTERS, AdapterName, PAGE_SIZE, SAMPLE_SUBMISSION, startBenchApp } from './adapter/bench-app';
import { machineFacts } from './machine';
import { median, ratio, summarize } from './stats';

/**
 * Issue 19 item 2: the per-request cost of Nest on Express against Fastify. Each adapter serves the same app
 * (adapter/bench-app.ts) from a child process of its own, so that its CPU (process.cpuUsage) is the server's
 * alone; this process drives both with undici at concurrency C in interleaved rounds (the order alternating),
 * so that the machine's load falls on both alike. Figures are printed, never asserted.
 *
 *   npm run bench:adapters -- [--rounds=11] [--n=1000] [--c=16]   (or node dist/bench/adapter-overhead.js after a build)
 */

const ROUTES = {
  list: { method: 'GET', path: '/api/v1/referrals' },
  submit: { method: 'POST', path: '/api/v1/referrals', body: JSON.stringify(SAMPLE_SUBMISSION) },
} as const;
type RouteName = keyof typeof ROUTES;

/** Headers both adapters must send alike (helmet's and no-store); their values are compared too. */
const SECURITY_HEADERS = [
  'content-security-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-frame-options',
  'cross-origin-opener-policy',
  'referrer-policy',
  'cache-control',
];

interface Server {
  adapter: AdapterName;
  child: ChildProcess;
  url: string;
  token: string;
}

interface Block {
  perSecond: number;
  p50: number;
  p95: number;
  cpuMsPerRequest: number;
}

function option(name: string, fallback: number): number {
  const value = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  return value === undefined ? fallback : Number(value);
}

/** The child's side: serve the app and answer CPU readings over IPC. */
async function serve(adapter: AdapterName): Promise<void> {
  const { url, token } = await startBenchApp(adapter);
  process.on('message', () => {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  });
  process.send?.({ url, token });
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => child.once('message', (message) => resolve(message as T)));
}

async function startServer(adapter: AdapterName): Promise<Server> {
  const child = fork(__filename, [`--serve=${adapter}`]);
  const { url, token } = await nextMessage<{ url: string; token: string }>(child);
  return { adapter, child, url, token };
}

async function cpuMicros(server: Server): Promise<number> {
  const reading = nextMessage<{ cpuMicros: number }>(server.child);
  server.child.send('cpu');
  return (await reading).cpuMicros;
}

async function send(pool: Pool, server: Server, route: RouteName): Promise<IncomingHttpHeaders> {
  const spec = ROUTES[route];
  const response = await pool.request({
    method: spec.method,
    path: spec.path,
    headers: {
      authorization: `Bearer ${server.token}`,
      ...('body' in spec ? { 'content-type': 'application/json' } : {}),
    },
    body: 'body' in spec ? spec.body : undefined,
  });
  const text = await response.body.text();
  const expected = route === 'list' ? 200 : 201;
  if (response.statusCode !== expected) throw new Error(`${server.adapter} ${route}: ${response.statusCode} ${text}`);
  if (route === 'list' && (JSON.parse(text) as { items: unknown[] }).items.length !== PAGE_SIZE) {
    throw new Error(`${server.adapter} list: wrong page`);
  }
  return response.headers;
}

/** n requests of one route at concurrency c; latency per request, the server's CPU over the block. */
async function measure(server: Server, route: RouteName, n: number, c: number): Promise<Block> {
  const pool = new Pool(server.url, { connections: c, pipelining: 1 });
  const latencies: number[] = [];
  let issued = 0;
  const cpuBefore = await cpuMicros(server);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (issued < n) {
        issued += 1;
        const sent = performance.now();
        await send(pool, server, route);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const wallMs = performance.now() - started;
  const cpuAfter = await cpuMicros(server);
  await pool.close();
  const summary = summarize(latencies);
  return {
    perSecond: n / (wallMs / 1000),
    p50: summary.p50,
    p95: summary.p95,
    cpuMsPerRequest: (cpuAfter - cpuBefore) / 1000 / n,
  };
}

/** Both adapters must send the same security headers with the same values, or the comparison is unfair. */
async function checkHeaders(servers: Server[]): Promise<void> {
  const seen = await Promise.all(
    servers.map(async (server) => {
      const pool = new Pool(server.url);
      const headers = await send(pool, server, 'list');
      await pool.close();
      return headers;
    }),
  );
  for (const name of SECURITY_HEADERS) {
    const values = seen.map((headers) => headers[name]);
    if (values.some((value) => value === undefined || value !== values[0])) {
      throw new Error(`header ${name} differs: ${JSON.stringify(values)}`);
    }
  }
  if (seen.some((headers) => 'x-powered-by' in headers)) throw new Error('x-powered-by is sent');
}

const print = (line: string): boolean => process.stdout.write(`${line}\n`);
const fixed = (value: number, digits = 2): string => value.toFixed(digits);

async function main(): Promise<void> {
  const rounds = option('rounds', 11);
  const n = option('n', 1000);
  const c = option('c', 16);
  const servers = await Promise.all(ADAPTERS.map(startServer));
  const loadBefore = loadavg()[0];
  try {
    await checkHeaders(servers);
    for (const server of servers)
      for (const route of Object.keys(ROUTES) as RouteName[]) await measure(server, route, n, c); // warm-up: JIT
    const results = new Map<string, Block[]>();
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      for (const route of Object.keys(ROUTES) as RouteName[]) {
        for (const server of order) {
          const key = `${route} ${server.adapter}`;
          const block = await measure(server, route, n, c);
          results.set(key, [...(results.get(key) ?? []), block]);
          print(
            `round ${round + 1} ${key.padEnd(16)} ${fixed(block.perSecond, 0)}/s p50 ${fixed(block.p50)} ms p95 ${fixed(block.p95)} ms CPU ${fixed(block.cpuMsPerRequest, 3)} ms/request`,
          );
        }
      }
    }
    report(results, { rounds, n, c, loadBefore, loadAfter: loadavg()[0] });
  } finally {
    for (const server of servers) server.child.kill();
  }
}

function report(
  results: Map<string, Block[]>,
  run: { rounds: number; n: number; c: number; loadBefore: number; loadAfter: number },
): void {
  const facts = machineFacts();
  print(
    `\nNest on Express vs Fastify, ${run.rounds} interleaved rounds of ${run.n} requests per route at C=${run.c}, medians of the rounds`,
  );
  print(
    `${facts.date}, ${facts.cpus} x ${facts.cpuModel}, Node ${facts.node}, load average ${fixed(run.loadBefore)} -> ${fixed(run.loadAfter)}`,
  );
  const columns = ['route', 'adapter', 'req/s', 'p50 ms', 'p95 ms', 'CPU ms/req'];
  print(`\n| ${columns.join(' | ')} |\n|${columns.map(() => ' --- |').join('')}`);
  for (const [key, blocks] of results) {
    const block: Block = {
      perSecond: median(blocks.map((b) => b.perSecond)),
      p50: median(blocks.map((b) => b.p50)),
      p95: median(blocks.map((b) => b.p95)),
      cpuMsPerRequest: median(blocks.map((b) => b.cpuMsPerRequest)),
    };
    const [route, adapter] = key.split(' ');
    print(
      `| ${route} | ${adapter} | ${fixed(block.perSecond, 0)} | ${fixed(block.p50)} | ${fixed(block.p95)} | ${fixed(block.cpuMsPerRequest, 3)} |`,
    );
  }
  // Each round's two blocks ran back to back, so a comparison within a round is the one least moved by load.
  const paired = (route: string, compare: (fastify: Block, express: Block) => number): number[] =>
    (results.get(`${route} fastify`) ?? []).map((block, round) =>
      compare(block, results.get(`${route} express`)?.[round] ?? block),
    );
  const measures: (keyof Block)[] = ['perSecond', 'p50', 'p95', 'cpuMsPerRequest'];
  for (const route of Object.keys(ROUTES)) {
    const ratios = measures.map((m) =>
      fixed(median(paired(route, (fastify, express) => ratio(fastify[m], express[m])))),
    );
    print(`| ${route} | fastify / express | ${ratios.join(' | ')} |`);
  }
  print("\n(ratio rows: the median of the rounds' own fastify / express ratios)");
  for (const route of Object.keys(ROUTES)) {
    const saved = paired(route, (fastify, express) => express.cpuMsPerRequest - fastify.cpuMsPerRequest);
    print(
      `${route}: CPU saved by fastify per request, median ${fixed(median(saved), 3)} ms (rounds ${fixed(Math.min(...saved), 3)} to ${fixed(Math.max(...saved), 3)})`,
    );
  }
}

const serveAs = process.argv.find((arg) => arg.startsWith('--serve='))?.split('=')[1] as AdapterName | undefined;
(serveAs ? serve(serveAs) : main()).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
