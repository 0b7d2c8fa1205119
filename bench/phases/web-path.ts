import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@rocu/domain';
import { findQueueTab, queueCalls } from '../../apps/web/src/routes/gateway/work-queue.view-model';
import { LIST_PAGE_SIZE } from '../../apps/web/src/routes/referrals/referral-list.view-model';
import { startNodeProcess } from '../../scripts/lib/child-process';
import { freePort } from '@rocu/observability';
import { PROJECT_ROOT } from '../../scripts/lib/project-paths';
import { runPool } from '../concurrency';
import { cpuPerOperation, cpuPerOperationNote, ProcessGroups, single, startCpuWindow } from '../cpu-usage';
import { progressBar } from '../progress';
import type { PhaseReport, Row } from '../report';
import { seedReferrals } from '../seed-referrals';
import { throughput, ThroughputStats } from '../stats';
import { devToken, waitForHealth } from '../stack/api-client';
import { type BenchStack, cpuProfileEnv } from '../stack/bench-stack';
import type { BenchContext } from './context';

/**
 * A web page and the API calls it makes to render (at once, as the page does). The page's p95 is reported
 * as a ratio to those calls' p95 made directly with the same person's kind of token. To add a page, add an
 * entry naming its dev persona, path and API calls.
 */
export interface WebPageProbe {
  name: string;
  /** The dev sign-in persona (apps/web/src/auth/dev-personas.ts) the web app signs in as. */
  persona: string;
  /** The same person's roles and organisation, for the direct API token. */
  roles: Role[];
  org: string;
  page: string;
  apiCalls: string[];
}

const TO_TRIAGE = findQueueTab('to-triage');
/** Every signed-in page also asks for the header's unread count (UnreadCountInterceptor), beside its own calls. */
const UNREAD_COUNT = '/notifications/unread-count';
const query = (values: Record<string, string | number>): string =>
  new URLSearchParams(Object.entries(values).map(([key, value]): [string, string] => [key, String(value)])).toString();

export const WEB_PAGES: WebPageProbe[] = TO_TRIAGE
  ? [
      {
        name: 'web: gateway work queue',
        persona: 'yhrocu-assessor',
        roles: ['GATEWAY_ASSESSOR'],
        org: 'YHROCU',
        page: `/gateway?tab=${TO_TRIAGE.id}`,
        apiCalls: [...queueCalls(TO_TRIAGE, 1).map((call) => `/referrals?${query(call.query)}`), UNREAD_COUNT],
      },
      {
        name: 'web: force referrals list',
        persona: 'wyp-referrer',
        roles: ['FORCE_REFERRER'],
        org: 'WYP',
        page: '/referrals',
        apiCalls: [`/referrals?${query({ page: 1, pageSize: LIST_PAGE_SIZE })}`, UNREAD_COUNT],
      },
    ]
  : [];

const WARM_UP = 30;
const BENCH_SESSION_SECRET = 'bench-session-secret-0123456789abcdef';

/** Signs in through the dev sign-in form, as a browser would; resolves with the session cookie. */
async function signIn(webUrl: string, persona: string): Promise<string> {
  const form = await fetch(`${webUrl}/sign-in`);
  const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const signedIn = await fetch(`${webUrl}/sign-in`, {
    method: 'POST',
    headers: { cookie: cookieOf(form), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, persona }).toString(),
    redirect: 'manual',
  });
  const cookie = cookieOf(signedIn) || cookieOf(form);
  if (signedIn.status !== 303 || !cookie) throw new Error(`web sign-in as ${persona} answered ${signedIn.status}`);
  return cookie;
}

async function ok(response: Promise<Response>): Promise<void> {
  const answer = await response;
  await answer.arrayBuffer();
  if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
}

interface Timed {
  stats: ThroughputStats;
  /** CPU milliseconds per operation of each process group (a figure a busy machine does not inflate). */
  cpuMs: Record<string, number>;
}

async function timed(
  label: string,
  count: number,
  concurrency: number,
  groups: ProcessGroups,
  operation: () => Promise<void>,
): Promise<Timed> {
  await runPool(WARM_UP, concurrency, operation);
  const bar = progressBar(label.slice(0, 23).padEnd(23), count);
  const window = startCpuWindow(groups);
  const result = await runPool(count, concurrency, operation, (done) => bar.update(done));
  const cpuMs = cpuPerOperation(window.stop(), count);
  bar.finish();
  return { stats: throughput(result), cpuMs };
}

const cpuNote = (cpuMs: Record<string, number>): string =>
  cpuPerOperationNote(cpuMs, ['web', 'api', 'postgres', 'other']);

/**
 * The web path: each page's p95 through the web app (a BFF process of its own, signed in with a session
 * in Postgres) against the API calls behind it, made directly at the same concurrency.
 */
async function benchWebPages(
  stack: BenchStack,
  count: number,
  concurrency: number,
): Promise<{ rows: Row[]; notes: string[] }> {
  const port = await freePort();
  const webUrl = `http://127.0.0.1:${port}`;
  const web = startNodeProcess(
    'web',
    join(PROJECT_ROOT, 'dist/apps/web/src/main.js'),
    {
      ...process.env,
      NODE_ENV: 'development',
      WEB_PORT: String(port),
      API_BASE_URL: stack.apiUrl,
      DATABASE_URL: stack.databaseUrl,
      SESSION_SECRET: BENCH_SESSION_SECRET,
      AUTH_MODE: 'dev',
      LOG_LEVEL: 'warn',
      ...cpuProfileEnv(process.env, 'web'),
    },
    'inherit',
  );
  const groups: ProcessGroups = { ...stack.processGroups, web: single(web.child.pid) };
  const results: { probe: WebPageProbe; page: Timed; api: Timed }[] = [];
  try {
    await waitForHealth(webUrl, 60_000, () => 'see the web process output above');
    for (const probe of WEB_PAGES) {
      const cookie = await signIn(webUrl, probe.persona);
      const token = await devToken(stack.apiUrl, probe.roles, probe.org);
      const page = await timed(`8 web ${probe.name}`, count, concurrency, groups, () =>
        ok(fetch(`${webUrl}${probe.page}`, { headers: { cookie } })),
      );
      const api = await timed(`8 API ${probe.name}`, count, concurrency, groups, async () => {
        await Promise.all(
          probe.apiCalls.map((path) =>
            ok(fetch(`${stack.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })),
          ),
        );
      });
      results.push({ probe, page, api });
    }
  } finally {
    await web.stop();
  }
  return {
    rows: results.map(({ probe, page, api }) => ({
      metric: `${probe.name}: p95 (page vs its API calls)`,
      unit: 'ms',
      ours: page.stats.latency.p95,
      baseline: api.stats.latency.p95,
      target: '<= 1.3',
    })),
    notes: results.map(
      ({ probe, page, api }) =>
        `${probe.name}: GET ${probe.page} as ${probe.persona} (p50 ${page.stats.latency.p50.toFixed(1)} ms, errors ${page.stats.errors}; CPU per page: ${cpuNote(page.cpuMs)}) vs ${probe.apiCalls.length} API calls at once (p50 ${api.stats.latency.p50.toFixed(1)} ms, errors ${api.stats.errors}; CPU per set: ${cpuNote(api.cpuMs)}): ${probe.apiCalls.join(', ')}`,
    ),
  };
}

const loadAverage = (): string =>
  loadavg()
    .map((load) => load.toFixed(1))
    .join(' / ');

/** Phase 8: after seeding (as phase 4 does), the web path alone. */
export async function benchWebPath(context: BenchContext): Promise<PhaseReport> {
  const { stack, options } = context;
  // At the largest size the read path was measured at.
  const size = Math.max(...options.seedN);
  const seeded = await seedReferrals(stack.databaseUrl, size);
  const loadBefore = loadAverage();
  const pages = await benchWebPages(stack, options.readN, options.concurrency);
  return {
    phase: 8,
    title: `Web path: the web app's pages against the API calls behind them (${size} referrals)`,
    rows: [
      { metric: `seed: referrals inserted (${seeded.seconds.toFixed(1)} s)`, unit: '', ours: seeded.inserted },
      ...pages.rows,
    ],
    notes: [
      `C=${options.concurrency}, ${options.readN} pages and ${options.readN} sets of API calls each, after ${WARM_UP} to warm up; load average (1 / 5 / 15 min) ${loadBefore} before, ${loadAverage()} after`,
      ...pages.notes,
    ],
    data: { seeded },
  };
}
