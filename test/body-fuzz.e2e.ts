import fc from 'fast-check';
import { Stack } from './support/stack';
import { eventually, referralBody, workedExampleAssessment, meetingBody } from './support/referral-fixtures';
import { ratifyUrgentAdoptions } from './support/meeting-fixtures';
import { dataFingerprint, Fingerprint, settledFingerprint } from './support/data-fingerprint';
import { gzipSync } from 'node:zlib';
import { LEAK, partialRequest, RawResponse, rawRequest } from './support/raw-http';
import {
  activeReferral,
  addPlanAction,
  adoptedReferral,
  planActionBody,
  planOwnerTokens,
  SIO_DRUGS_AND_SLAVERY,
  WYP_LRO,
  FIXTURE_OVERLOAD,
  lroReplacementBody,
  reallocationBody,
} from './support/tasking-fixtures';
import {
  askedMutualAid,
  mutualAidBody,
  partnerCheckBody,
  partnerDisposalBody,
  referredNational,
  taskingBody,
} from './support/national-fixtures';

/*
 * Issue 6, "done when": a fast-check fuzz of every POST body (at least 2,000 cases a run, seed printed)
 * gives no 5xx and persists nothing. The seed is in the describe title (so in every report); replay a run
 * with FUZZ_SEED=<seed>. Cases go in batches of BATCH concurrent requests against one stack. After a batch
 * whose answers are all 4xx, the database must be byte-for-byte unchanged; when a batch holds a 2xx (a
 * mutation that stayed valid), its 4xx cases are replayed one at a time with the same check.
 */

const SEED = Number(process.env.FUZZ_SEED) || Date.now() % 2_147_483_647;
const BATCH = 4;
const RUNS = 500; // x BATCH = 2,000 cases
const REQUEST_TIMEOUT_MS = 10_000;
const HEADERS_TIMEOUT_MS = 2_000;

type Json = Record<string, unknown>;
type Body = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };
interface Route {
  name: string;
  /** POST unless given. */
  method?: 'PATCH';
  path: () => string;
  token?: () => string;
  valid: () => Json;
  /** Told of every 2xx, for a route whose target a valid request uses up. */
  accepted?: () => void;
}
interface Case {
  route: Route;
  body: Body;
}

/** Stands for a deeply nested array, spliced in as text (building it as an object would overflow JSON.stringify). */
class DeepNesting {
  constructor(readonly depth: number) {}
}
const DEEP_MARKER = '@@deep-nesting@@';

/**
 * Targets made up front for a route that a valid request moves on (allocates, closes, starts): it aims at the
 * first one until a request to it is accepted, then at the next, so that later valid bodies still reach the
 * service. Once all are used up the last one stays, and valid bodies to it are refused (409) like any other.
 */
class TargetPool {
  private used = 0;
  constructor(private readonly ids: string[]) {}
  get current(): string {
    return this.ids[Math.min(this.used, this.ids.length - 1)];
  }
  take(): void {
    this.used += 1;
  }
}

function serialise(body: Body): string | undefined {
  if (body.kind === 'raw') return body.text;
  const depths: number[] = [];
  const text = JSON.stringify(body.value, (_key, value: unknown) => {
    if (value instanceof DeepNesting) {
      depths.push(value.depth);
      return DEEP_MARKER;
    }
    return value;
  }) as string | undefined;
  if (text === undefined) return undefined;
  let index = 0;
  return text.replace(new RegExp(`"${DEEP_MARKER}"`, 'g'), () => {
    const depth = depths[index++] ?? 1;
    return `${'['.repeat(depth)}${']'.repeat(depth)}`;
  });
}

const excerpt = (text: string) =>
  text.length <= 700 ? text : `${text.slice(0, 500)} …(${text.length - 650} more)… ${text.slice(-150)}`;
const describeCase = (testCase: Case, text = serialise(testCase.body)) =>
  `${testCase.route.method ?? 'POST'} ${testCase.route.name} with ${text === undefined ? 'no body' : `${text.length} chars: ${excerpt(text)}`}`;

type Step = string | number;
/** Every path to a value inside a valid body (the places a mutation can hit). */
function pathsOf(value: unknown, prefix: Step[] = []): Step[][] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => [[...prefix, index], ...pathsOf(item, [...prefix, index])]);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
  }
  return [];
}

type Mutation =
  | { op: 'drop'; path: Step[] }
  | { op: 'replace'; path: Step[]; value: unknown }
  | { op: 'extra'; path: Step[]; key: string; value: unknown };

function applyMutations(valid: Json, mutations: Mutation[]): unknown {
  const root: unknown = structuredClone(valid);
  for (const mutation of mutations) {
    const path = mutation.op === 'extra' ? mutation.path : mutation.path.slice(0, -1);
    const last = mutation.op === 'extra' ? undefined : mutation.path[mutation.path.length - 1];
    let parent: unknown = root;
    for (const step of path)
      parent = parent !== null && typeof parent === 'object' ? (parent as Json)[step] : undefined;
    if (parent === null || typeof parent !== 'object') continue; // an earlier mutation removed the place
    const container = parent as Json;
    if (mutation.op === 'drop' && last !== undefined) {
      if (Array.isArray(container) && typeof last === 'number') {
        // By hand: an added "constructor" key would break splice (it reads constructor[Symbol.species]).
        for (let index = last; index < container.length - 1; index += 1) container[index] = container[index + 1];
        container.length = Math.max(0, container.length - 1);
      } else delete container[last];
    } else if (mutation.op === 'replace' && last !== undefined) {
      container[last] = mutation.value;
    } else if (mutation.op === 'extra') {
      // defineProperty, so that "__proto__" becomes an own key that JSON.stringify sends.
      Object.defineProperty(container, mutation.key, { value: mutation.value, enumerable: true, writable: true });
    }
  }
  return root;
}

const junk = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.object({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    'true',
    'null',
    '[]',
    '{}',
    '2026-02-30T25:61:00Z',
    '2027-01-31T17:00:00-16:00',
    '00000000-0000-0000-0000-000000000000',
  ),
  fc.constantFrom(-1, 0, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2),
);
const hugeString = fc
  .tuple(fc.integer({ min: 1_000, max: 150_000 }), fc.constantFrom('x', 'é', '😀', '\u202e', ' ', '"', '\\'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));
/** Characters that trip up encoders, databases and renderers, alone or inside ordinary text. */
const NASTY = [
  '\u0000', // NUL: PostgreSQL text and jsonb cannot hold it
  '\ud800', // unpaired high surrogate
  '\udfff', // unpaired low surrogate
  '\u0007\u001b[31m', // control characters, an ANSI escape
  '\ufeff', // byte-order mark
  '\u202e', // right-to-left override
  '\u200b\u200d', // zero-width characters
  'e\u0301\u0301\u0301', // stacked combining marks
  '\u{10ffff}', // the last code point
  '\u{1f46e}\u200d\u2640\ufe0f', // an emoji ZWJ sequence
  "'; DROP TABLE referrals; --",
  '<script>alert(1)</script>',
  '%s%n${7*7}{{7*7}}',
];
const unicodeString = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...NASTY), fc.string({ maxLength: 10 }))
    .map((parts) => parts.join('')),
);
const extraKey = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'id',
    'status',
    'ownerOrg',
    'region',
    'riskScore',
    'toString',
  ),
);

function mutationOf(valid: Json): fc.Arbitrary<Mutation> {
  const paths = pathsOf(valid);
  const containers = [
    [],
    ...paths.filter((path) => {
      let value: unknown = valid;
      for (const step of path) value = (value as Json)[step];
      return value !== null && typeof value === 'object';
    }),
  ];
  const extra = fc.record({
    op: fc.constant('extra' as const),
    path: fc.constantFrom(...containers),
    key: extraKey,
    value: fc.oneof(junk, fc.anything({ maxDepth: 3 })),
  });
  if (paths.length === 0) return extra; // an empty valid body (close): only additions can mutate it
  const anyPath = fc.constantFrom(...paths);
  return fc.oneof(
    anyPath.map((path): Mutation => ({ op: 'drop', path })),
    fc.record({ op: fc.constant('replace' as const), path: anyPath, value: junk }),
    fc.record({ op: fc.constant('replace' as const), path: anyPath, value: hugeString }),
    fc.record({ op: fc.constant('replace' as const), path: anyPath, value: unicodeString }),
    fc.record({
      op: fc.constant('replace' as const),
      path: anyPath,
      value: fc.integer({ min: 10, max: 20_000 }).map((depth) => new DeepNesting(depth)),
    }),
    extra,
  );
}

function bodyOf(route: Route): fc.Arbitrary<Body> {
  const valid = route.valid();
  return fc.oneof(
    {
      weight: 2,
      arbitrary: fc.anything({ maxDepth: 3, stringUnit: 'binary' }).map((value): Body => ({ kind: 'json', value })),
    },
    { weight: 2, arbitrary: fc.object({ maxDepth: 3 }).map((value): Body => ({ kind: 'json', value })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }).map((text): Body => ({ kind: 'raw', text })) },
    {
      weight: 10,
      arbitrary: fc
        .array(mutationOf(valid), { minLength: 1, maxLength: 3 })
        .map((mutations): Body => ({ kind: 'json', value: applyMutations(valid, mutations) })),
    },
  );
}

describe(`POST and PATCH body fuzz (fast-check seed ${SEED}; replay with FUZZ_SEED=${SEED})`, () => {
  let stack: Stack;
  let referrer: string;
  let assessor: string;
  let chair: string;
  let manager: string;
  let owners: { sio: string; lro: string };
  let gain: string;
  let nca: string;
  let lender: string;
  const targets: Record<string, string> = {};
  const pools: Record<string, TargetPool> = {};
  let reviewSigners = 0;
  const statuses = new Map<number, number>();
  let cases = 0;

  const submit = async (overrides: Json = {}) => {
    const response = await stack.http.post<{ id: string }>('/referrals', referralBody(overrides), referrer);
    expect(response.status).toBe(201);
    return response.body.id;
  };
  const triage = async (id: string, decision: string) =>
    expect(
      (await stack.http.post(`/referrals/${id}/triage`, { decision, reason: 'fuzz set-up' }, assessor)).status,
    ).toBe(200);
  const assessed = async (overrides: Json = {}) => {
    const id = await submit(overrides);
    await triage(id, 'ACCEPT');
    expect((await stack.http.post(`/referrals/${id}/assessment`, workedExampleAssessment(), assessor)).status).toBe(
      200,
    );
    return id;
  };
  /** A meeting whose papers close in a second (frozen for decisions), or later: one that freezes in the middle
   * of a later test would change the data that test checks. */
  const meeting = async (papersCloseInMs = 1_000) => {
    const response = await stack.http.post<{ id: string }>('/meetings', meetingBody(papersCloseInMs), chair);
    expect(response.status).toBe(201);
    return response.body.id;
  };
  /** Makes `count` targets, two at a time to keep the set-up short. */
  const pool = async (count: number, make: () => Promise<string>) => {
    const ids: string[] = [];
    while (ids.length < count) ids.push(...(await Promise.all([make(), make()])));
    return new TargetPool(ids.slice(0, count));
  };
  const plannedAction = () => addPlanAction(stack, targets.plan, owners.sio);

  beforeAll(async () => {
    // Short transport timeouts, so the slow-client cases (issue 13) answer within the test's patience.
    stack = await Stack.start({ env: { HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), REQUEST_TIMEOUT_MS: '4000' } });
    referrer = await stack.token(['FORCE_REFERRER'], 'WYP');
    assessor = await stack.token(['GATEWAY_ASSESSOR'], 'YHROCU');
    chair = await stack.token(['TTCG_CHAIR'], 'YHROCU', 'fuzz-chair');
    manager = await stack.token(['ROCU_MANAGER'], 'YHROCU');
    owners = await planOwnerTokens(stack);
    gain = await stack.token(['GAIN_COORDINATOR'], 'YHROCU');
    nca = await stack.token(['NCA_LIAISON'], 'NCA');
    lender = await stack.token(['ROCU_MANAGER'], 'EMSOU');
    targets.triage = await submit();
    targets.information = await submit();
    await triage(targets.information, 'REQUEST_INFO');
    targets.assessment = await submit();
    await triage(targets.assessment, 'ACCEPT');
    targets.withdraw = await submit();
    targets.urgent = await assessed({ urgency: 'IMMEDIATE', threatToLife: true });
    targets.agendaItem = await assessed();
    targets.meeting = await meeting();
    targets.closable = await meeting();
    await eventually(async () => {
      for (const id of [targets.meeting, targets.closable]) {
        expect((await stack.http.get<{ agendaFrozen: boolean }>(`/meetings/${id}`, chair)).body.agendaFrozen).toBe(
          true,
        );
      }
    });
    // Naming the LRO of an adopted referral can be repeated (it stays ADOPTED until the SIO is allocated).
    targets.lro = await adoptedReferral(stack);
    targets.plan = await activeReferral(stack);
    // Sized to what a run accepts: most SIO and action-change bodies are refused, most closing outcomes are text.
    pools.sio = await pool(6, () => adoptedReferral(stack));
    const closable: string[] = [];
    pools.close = await pool(24, async () => {
      const id = await activeReferral(stack);
      closable.push(id);
      return id;
    });
    await ratifyUrgentAdoptions(stack, closable); // a tasking closes once its urgent adoption is ratified
    pools.action = await pool(6, plannedAction);
    pools.reallocate = await pool(6, () => activeReferral(stack));
    pools.replaceLro = await pool(6, () => activeReferral(stack));
    // Issue 16: the national and mutual-aid routes. Partner checks and mutual-aid requests can be repeated.
    targets.partnerCheck = await submit();
    await triage(targets.partnerCheck, 'ACCEPT');
    targets.tasking = await adoptedReferral(stack);
    expect((await stack.http.post('/national/priorities', { code: 'FUZZ', title: 'Fuzz' }, nca)).status).toBe(201);
    pools.disposal = await pool(6, async () => {
      const id = await submit();
      await triage(id, 'ACCEPT');
      return id;
    });
    pools.nationalAccept = await pool(6, () => referredNational(stack));
    pools.nationalReturn = await pool(6, () => referredNational(stack));
    pools.decision = await pool(6, () => askedMutualAid(stack, targets.tasking));
    pools.withdrawal = await pool(6, () => askedMutualAid(stack, targets.tasking));
  });

  afterAll(async () => {
    await stack.stop();
  });

  const routes: Route[] = [
    { name: '/referrals', path: () => '/referrals', token: () => referrer, valid: () => referralBody() },
    {
      name: '/referrals/{id}/triage',
      path: () => `/referrals/${targets.triage}/triage`,
      token: () => assessor,
      valid: () => ({ decision: 'ACCEPT', reason: 'in scope' }),
    },
    {
      name: '/referrals/{id}/information',
      path: () => `/referrals/${targets.information}/information`,
      token: () => referrer,
      valid: () => ({ response: 'The subject moved to Leeds in March.' }),
    },
    {
      name: '/referrals/{id}/assessment',
      path: () => `/referrals/${targets.assessment}/assessment`,
      token: () => assessor,
      valid: () => workedExampleAssessment(),
    },
    {
      name: '/referrals/{id}/withdraw',
      path: () => `/referrals/${targets.withdraw}/withdraw`,
      token: () => referrer,
      valid: () => ({ reason: 'Force operation now covers it' }),
    },
    {
      name: '/referrals/{id}/urgent-decision',
      path: () => `/referrals/${targets.urgent}/urgent-decision`,
      token: () => chair,
      valid: () => ({ decision: 'ADOPT_ROCU_LEAD', rationale: 'Threat to life' }),
    },
    {
      name: '/meetings',
      path: () => '/meetings',
      token: () => chair,
      valid: () => ({
        region: 'YHROCU',
        type: 'TTCG',
        scheduledFor: new Date(Date.now() + 3 * 86_400_000).toISOString(),
        papersCloseAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      }),
    },
    {
      name: '/meetings/{id}/attendance',
      path: () => `/meetings/${targets.meeting}/attendance`,
      token: () => chair,
      valid: () => ({
        attendees: [{ sub: 'member-1', name: 'DCI Member', org: 'WYP', conflicts: [targets.agendaItem] }],
      }),
    },
    {
      name: '/meetings/{id}/decisions',
      path: () => `/meetings/${targets.meeting}/decisions`,
      token: () => chair,
      valid: () => ({ referralId: targets.agendaItem, decision: 'DEFER', rationale: 'Awaiting capacity' }),
    },
    {
      name: '/meetings/{id}/close',
      path: () => `/meetings/${targets.closable}/close`,
      token: () => chair,
      valid: () => ({}),
    },
    {
      name: '/referrals/{id}/sio',
      path: () => `/referrals/${pools.sio.current}/sio`,
      token: () => manager,
      valid: () => ({
        officerSub: SIO_DRUGS_AND_SLAVERY,
        justification: 'Drugs specialist with capacity',
        exceptionJustification: FIXTURE_OVERLOAD,
        conflictDeclaration: { hasConflict: false },
      }),
      accepted: () => pools.sio.take(),
    },
    {
      name: '/referrals/{id}/lro',
      path: () => `/referrals/${targets.lro}/lro`,
      token: () => referrer,
      valid: () => ({ officerSub: WYP_LRO, name: 'DI Clarke' }),
    },
    {
      name: '/referrals/{id}/sio/reallocation',
      path: () => `/referrals/${pools.reallocate.current}/sio/reallocation`,
      token: () => manager,
      valid: reallocationBody,
      accepted: () => pools.reallocate.take(),
    },
    {
      name: '/referrals/{id}/lro/replacement',
      path: () => `/referrals/${pools.replaceLro.current}/lro/replacement`,
      token: () => referrer,
      valid: lroReplacementBody,
      accepted: () => pools.replaceLro.take(),
    },
    {
      name: '/referrals/{id}/close',
      path: () => `/referrals/${pools.close.current}/close`,
      token: () => manager,
      valid: () => ({ outcome: 'Principals charged; supply line disrupted' }),
      accepted: () => pools.close.take(),
    },
    {
      name: '/referrals/{id}/plan/actions',
      path: () => `/referrals/${targets.plan}/plan/actions`,
      token: () => owners.sio,
      valid: () => planActionBody(),
    },
    {
      name: '/referrals/{id}/plan/actions/{actionId}',
      method: 'PATCH',
      path: () => `/referrals/${targets.plan}/plan/actions/${pools.action.current}`,
      token: () => owners.lro,
      valid: () => ({ status: 'ACTIVE', version: 1 }),
      accepted: () => pools.action.take(),
    },
    {
      name: '/referrals/{id}/plan/disruptions',
      path: () => `/referrals/${targets.plan}/plan/disruptions`,
      token: () => owners.sio,
      valid: () => ({
        pillar: 'PURSUE',
        significance: 'MAJOR',
        description: 'Supply line dismantled',
        occurredAt: '2026-11-20T06:00:00Z',
      }),
    },
    {
      name: '/referrals/{id}/plan/reviews',
      path: () => `/referrals/${targets.plan}/plan/reviews`,
      // The SIO and LRO take turns, so a valid body can open a review or complete the open one.
      token: () => (reviewSigners++ % 2 === 0 ? owners.sio : owners.lro),
      valid: () => ({ summary: 'On track' }),
    },
    {
      name: '/referrals/{id}/partner-checks',
      path: () => `/referrals/${targets.partnerCheck}/partner-checks`,
      token: () => gain,
      valid: partnerCheckBody,
    },
    {
      name: '/referrals/{id}/partner-disposal',
      path: () => `/referrals/${pools.disposal.current}/partner-disposal`,
      token: () => gain,
      valid: partnerDisposalBody,
      accepted: () => pools.disposal.take(),
    },
    {
      name: '/referrals/{id}/national-acceptance',
      path: () => `/referrals/${pools.nationalAccept.current}/national-acceptance`,
      token: () => nca,
      valid: () => ({ reference: 'NCA-2026-0117' }),
      accepted: () => pools.nationalAccept.take(),
    },
    {
      name: '/referrals/{id}/national-return',
      path: () => `/referrals/${pools.nationalReturn.current}/national-return`,
      token: () => nca,
      valid: () => ({ reasons: 'A regional matter: no national dimension' }),
      accepted: () => pools.nationalReturn.take(),
    },
    {
      name: '/national/priorities',
      path: () => '/national/priorities',
      token: () => nca,
      // Taken after the first success (409), as a retired code stays taken.
      valid: () => ({ code: 'FUZZ_PRIORITY', title: 'Fuzzed priority', description: 'Made by the fuzz' }),
    },
    {
      name: '/national/priorities/{code}/retirement',
      path: () => '/national/priorities/FUZZ/retirement',
      token: () => nca,
      valid: () => ({}),
    },
    {
      name: '/national/tasking-requests',
      path: () => '/national/tasking-requests',
      token: () => nca,
      valid: () => taskingBody(),
    },
    {
      name: '/mutual-aid-requests',
      path: () => '/mutual-aid-requests',
      token: () => manager,
      valid: () => mutualAidBody(targets.tasking),
    },
    {
      name: '/mutual-aid-requests/{id}/decision',
      path: () => `/mutual-aid-requests/${pools.decision.current}/decision`,
      token: () => lender,
      valid: () => ({ decision: 'REFUSE', reason: 'Ours is deployed too' }),
      accepted: () => pools.decision.take(),
    },
    {
      name: '/mutual-aid-requests/{id}/withdrawal',
      path: () => `/mutual-aid-requests/${pools.withdrawal.current}/withdrawal`,
      token: () => manager,
      valid: () => ({ reason: 'Found one at home' }),
      accepted: () => pools.withdrawal.take(),
    },
    {
      name: '/auth/dev-token',
      path: () => '/auth/dev-token',
      valid: () => ({ sub: 'fuzz-user', name: 'Fuzz User', roles: ['FORCE_REFERRER'], org: 'WYP' }),
    },
  ];

  const send = (testCase: Case): Promise<RawResponse> =>
    rawRequest(stack.http.baseUrl, testCase.route.method ?? 'POST', testCase.route.path(), {
      headers: testCase.route.token ? { authorization: `Bearer ${testCase.route.token()}` } : {},
      body: serialise(testCase.body),
      timeoutMs: REQUEST_TIMEOUT_MS,
    });

  /** No 5xx, no silence, and every refusal a clean problem document. */
  const checkAnswer = (testCase: Case, response: RawResponse) => {
    cases += 1;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status < 300) testCase.route.accepted?.();
    const what = `${describeCase(testCase)}\n  answered ${response.status} in ${response.ms} ms: ${response.text.slice(0, 400)}`;
    if (response.status >= 500) throw new Error(`5xx: ${what}`);
    if (response.status >= 400) {
      if (!response.contentType.includes('application/problem+json')) throw new Error(`not problem+json: ${what}`);
      if ((response.json as { status?: unknown } | undefined)?.status !== response.status) {
        throw new Error(`problem status differs: ${what}`);
      }
      if (LEAK.test(response.text)) throw new Error(`internal detail leaked: ${what}`);
    }
  };

  const unchanged = (before: Fingerprint, after: Fingerprint, what: string) => {
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
    if (changed.length > 0) throw new Error(`a 4xx persisted data (tables ${changed.join(', ')}): ${what}`);
  };

  const sendOrExplain = async (testCase: Case): Promise<RawResponse> => {
    try {
      return await send(testCase);
    } catch (error) {
      throw new Error(`${describeCase(testCase)}\n  ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  it(`gives no 5xx and persists nothing for 4xx over ${RUNS * BATCH} generated bodies`, async () => {
    // Counterexamples print as the request they stand for.
    const caseArb = fc.oneof(
      ...routes.map((route) =>
        bodyOf(route).map((body): Case => {
          const testCase: Case = { route, body };
          return Object.assign(testCase, { [fc.toStringMethod]: () => describeCase(testCase) });
        }),
      ),
    );
    let baseline = await settledFingerprint(stack.db);
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const before = baseline;
        const responses = await Promise.all(batch.map(sendOrExplain));
        batch.forEach((testCase, index) => checkAnswer(testCase, responses[index]));
        if (responses.every((response) => response.status >= 400)) {
          unchanged(
            before,
            await dataFingerprint(stack.db),
            batch.map((testCase) => describeCase(testCase)).join('\n'),
          );
          return;
        }
        // A 2xx changed data legitimately: replay the refused cases alone to check each persisted nothing.
        baseline = await settledFingerprint(stack.db);
        for (const [index, testCase] of batch.entries()) {
          if (responses[index].status < 400) continue;
          const replay = await sendOrExplain(testCase);
          checkAnswer(testCase, replay);
          if (replay.status >= 400) unchanged(baseline, await dataFingerprint(stack.db), describeCase(testCase));
          else baseline = await settledFingerprint(stack.db);
        }
      }),
      // A failure can be a request the API never answers; shrinking would wait out each one, so stop at once.
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(cases).toBeGreaterThanOrEqual(RUNS * BATCH);
    // Most generated bodies must be refused at the door, and every answer class must be a known one.
    expect([...statuses.keys()].filter((status) => ![200, 201, 400, 403, 404, 409, 413, 422].includes(status))).toEqual(
      [],
    );
    expect(statuses.get(400) ?? 0).toBeGreaterThan(cases / 2);
  });

  /*
   * Bodies the fuzz has found to break the API, kept as fixed regression cases so each failure names one
   * defect. Each gets fresh targets: a body that wedges a workflow must not spoil the others.
   */
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const hostile: [string, () => Promise<string>, () => string, () => string][] = [
    [
      'a NUL in the referral summary',
      async () => '/referrals',
      () => referrer,
      () => JSON.stringify(referralBody({ summary: 'a\u0000b' })),
    ],
    [
      'an unpaired surrogate in the referral summary',
      async () => '/referrals',
      () => referrer,
      () => JSON.stringify(referralBody({ summary: 'a\ud800b' })),
    ],
    [
      'a NUL in a triage reason',
      async () => `/referrals/${await submit()}/triage`,
      () => assessor,
      () => JSON.stringify({ decision: 'REQUEST_INFO', reason: 'why\u0000' }),
    ],
    [
      'an array where a nominal object belongs',
      async () => '/referrals',
      () => referrer,
      () => JSON.stringify(referralBody({ subject: { type: 'OCG', name: 'Kestrel', nominals: [[]] } })),
    ],
    [
      'an array where an intelligence item belongs',
      async () => '/referrals',
      () => referrer,
      () => JSON.stringify(referralBody({ intelligence: [[]] })),
    ],
    [
      'an array where an attendee object belongs',
      async () => `/meetings/${await meeting(86_400_000)}/attendance`,
      () => chair,
      () => JSON.stringify({ attendees: [[]] }),
    ],
    [
      'arrays nested 5,000 deep in a text field',
      async () => '/referrals',
      () => referrer,
      () => JSON.stringify(referralBody({ summary: 'x' })).replace('"summary":"x"', `"summary":${nested(5_000)}`),
    ],
    [
      'arrays nested 20,000 deep in an unknown field',
      async () => '/referrals',
      () => referrer,
      () => `${JSON.stringify(referralBody()).slice(0, -1)},"extra":${nested(20_000)}}`,
    ],
  ];

  it.each(hostile)('refuses %s with a prompt 400, persisting nothing', async (_name, target, token, body) => {
    const path = await target();
    const before = await settledFingerprint(stack.db);
    const response = await rawRequest(stack.http.baseUrl, 'POST', path, {
      headers: { authorization: `Bearer ${token()}` },
      body: body(),
      timeoutMs: 5_000,
    });
    expect({ status: response.status, body: response.text.slice(0, 300) }).toEqual({
      status: 400,
      body: expect.any(String),
    });
    expect(response.contentType).toContain('application/problem+json');
    expect(await dataFingerprint(stack.db)).toEqual(before);
  });

  /* Issue 13: the transport. A body that does not decode as its Content-Encoding is a client mistake. */
  const json = JSON.stringify(referralBody());
  const encodings: [string, string, Buffer | string][] = [
    ['bogus gzip', 'gzip', Buffer.from('this is not gzip')],
    ['bogus deflate', 'deflate', Buffer.from('this is not deflate')],
    ['bogus br', 'br', Buffer.from('this is not brotli at all')],
    ['truncated gzip', 'gzip', gzipSync(json).subarray(0, 20)],
    ['an unknown encoding with valid JSON', 'x-rot13', json],
    ['two encodings, one unknown', 'gzip, x-rot13', gzipSync(json)],
  ];
  it.each(encodings)(
    'refuses %s with 400 or 415 problem+json on POST and PATCH, persisting nothing',
    async (_n, encoding, body) => {
      const action = await plannedAction();
      const before = await settledFingerprint(stack.db);
      const requests: [string, string, string][] = [
        ['POST', '/referrals', referrer],
        ['PATCH', `/referrals/${targets.plan}/plan/actions/${action}`, owners.sio],
      ];
      for (const [method, path, token] of requests) {
        const response = await fetch(`${stack.http.baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-encoding': encoding,
          },
          body,
          signal: AbortSignal.timeout(5_000),
        });
        const text = await response.text();
        expect({ method, status: [400, 415].includes(response.status) ? 'refused' : response.status, text }).toEqual({
          method,
          status: 'refused',
          text: expect.any(String),
        });
        expect(response.headers.get('content-type')).toContain('application/problem+json');
      }
      expect(await dataFingerprint(stack.db)).toEqual(before);
    },
  );

  it('refuses a declared Content-Length over the body limit at once with 413, without waiting for the body', async () => {
    const response = await partialRequest(
      stack.http.baseUrl,
      `POST /api/v1/referrals HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${referrer}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{"sub',
      HEADERS_TIMEOUT_MS,
    );
    expect({ status: response.status, fast: response.ms < 1_500 }).toEqual({ status: 413, fast: true });
    expect(response.text).toContain('application/problem+json');
  });

  it.each([
    ['a body sent too slowly', 'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"su', 4_000],
    ['headers sent too slowly', 'Content-Type: application/js', HEADERS_TIMEOUT_MS],
  ])('times out %s with 408 and closes the connection', async (_name, rest, timeoutMs) => {
    const response = await partialRequest(
      stack.http.baseUrl,
      `POST /api/v1/referrals HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${referrer}\r\n${rest}`,
      timeoutMs + 5_000,
    );
    expect(response.status).toBe(408);
    expect(response.ms).toBeGreaterThanOrEqual(timeoutMs - 100);
  });
});
