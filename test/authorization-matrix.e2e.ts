import { randomUUID } from 'node:crypto';
import { defaultRegionSettings, findOrganisation, ROLES, type Role } from '@rocu/domain';
import type { HttpResponse } from './support/http-client';
import { eventually, P1_ASSESSMENT, referralBody, workedExampleAssessment } from './support/referral-fixtures';
import { Stack } from './support/stack';
import { addPlanAction, FIXTURE_OVERLOAD, lroReplacementBody, reallocationBody } from './support/tasking-fixtures';

/*
 * Authorization matrix (issue 6): every route of the OpenAPI document x every role x own and other
 * organisation, judged against the written policy below. A route the policy does not cover fails the test,
 * so a new endpoint forces a policy decision.
 *
 * Outcomes: 2xx = allowed; 403 = the caller may see the record but not do this; 404 = the caller may not
 * see the record (indistinguishable from a missing one). 409/422 mean the request reached a state or
 * business rule: never a success, and never right for a caller the policy refuses.
 */

// ------------------------------------------------------------------------------------------------------
// The written policy
// ------------------------------------------------------------------------------------------------------

type OrgKind = 'FORCE' | 'ROCU' | 'AGENCY';

/** domain.md section 2, "belongs to": a role claimed in another kind of organisation confers nothing. */
const ROLE_BELONGS_TO: Readonly<Record<Role, (org: string, kind: OrgKind) => boolean>> = {
  FORCE_REFERRER: (_org, kind) => kind === 'FORCE' || kind === 'AGENCY',
  GATEWAY_ASSESSOR: (_org, kind) => kind === 'ROCU',
  GAIN_COORDINATOR: (_org, kind) => kind === 'ROCU',
  TTCG_CHAIR: (_org, kind) => kind === 'ROCU',
  TTCG_MEMBER: (_org, kind) => kind === 'FORCE' || kind === 'AGENCY',
  ROCU_MANAGER: (_org, kind) => kind === 'ROCU',
  SIO: (_org, kind) => kind === 'ROCU',
  LRO: (_org, kind) => kind === 'FORCE',
  NCA_LIAISON: (org) => org === 'NCA',
  AUDITOR: () => true,
  NATIONAL_AUDITOR: (org) => org === 'NCA',
};

/** ROCU staff: see their region's referrals and meetings. */
const REGIONAL_STAFF: readonly Role[] = ['GATEWAY_ASSESSOR', 'GAIN_COORDINATOR', 'TTCG_CHAIR', 'ROCU_MANAGER'];
/** See the referrals of their own organisation (NCA liaison: those the NCA submitted). */
const OWNING_ORGANISATION: readonly Role[] = ['FORCE_REFERRER', 'NCA_LIAISON'];
/**
 * Read the audit trail (issue 13): the national auditor (at the NCA) all of it; an auditor their own
 * organisation's people and records, a ROCU's auditor its region's (see auditRowsInScope).
 */
const AUDITORS: readonly Role[] = ['AUDITOR', 'NATIONAL_AUDITOR'];
/** See their region's meetings (and its deviation report). */
const MEETING_PARTICIPANTS: readonly Role[] = [...REGIONAL_STAFF, 'TTCG_MEMBER'];

/**
 * NATIONAL: any region's record (the NCA's national queue). LENDING_REGION / BORROWING_REGION: the region asked
 * for mutual aid, or the one asking.
 */
type Relation = 'REGION' | 'OWNER_ORG' | 'NATIONAL' | 'LENDING_REGION' | 'BORROWING_REGION';
type RecordKind = 'REFERRAL' | 'MEETING' | 'NOTIFICATION' | 'MUTUAL_AID';

type RoutePolicy =
  /** Reachable without a token. */
  | { access: 'PUBLIC' }
  /** Any authenticated user. */
  | { access: 'ANY_USER' }
  /** No record involved: these roles, anyone else 403. */
  | { access: 'ROLES'; roles: readonly Role[] }
  /** These roles, for the region named in the body, which must be their own; anyone else 403. */
  | { access: 'ROLES_IN_OWN_REGION'; roles: readonly Role[] }
  /** Any authenticated user; rows are exactly those the caller may see. */
  | { access: 'LIST'; rows: RecordKind }
  /** Whoever may see the record; anyone else 404. */
  | { access: 'VIEW'; record: RecordKind }
  /** 404 unless the caller may see the record; then these roles in this relation to it, anyone else 403. */
  | { access: 'ACT'; record: RecordKind; roles: readonly Role[]; relation: Relation }
  /** Meeting participants, for their own region only; anyone else 403. */
  | { access: 'REGION_REPORT' }
  /** 404 unless the caller may see the referral; then only the plan's own SIO or LRO (by person and role), anyone else 403. */
  | { access: 'PLAN_OWNER' }
  /** The notification's recipients (its role in its organisation, or the one person it names); anyone else 404. */
  | { access: 'RECIPIENT' };

const POLICY = {
  'GET /health': { access: 'PUBLIC' },
  'GET /health/live': { access: 'PUBLIC' },
  'GET /health/ready': { access: 'PUBLIC' },
  'POST /auth/dev-token': { access: 'PUBLIC' },
  'GET /reference/organisations': { access: 'ANY_USER' },
  'GET /reference/capabilities': { access: 'ANY_USER' },
  'GET /reference/crime-types': { access: 'ANY_USER' },
  'GET /reference/scoring-scheme': { access: 'ANY_USER' },
  // Forces and partner agencies refer (issue 16): an agency's referrer, and the NCA's liaison.
  'POST /referrals': { access: 'ROLES', roles: ['FORCE_REFERRER', 'NCA_LIAISON'] },
  'GET /referrals': { access: 'LIST', rows: 'REFERRAL' },
  'GET /referrals/{id}': { access: 'VIEW', record: 'REFERRAL' },
  'POST /referrals/{id}/triage': { access: 'ACT', record: 'REFERRAL', roles: ['GATEWAY_ASSESSOR'], relation: 'REGION' },
  'POST /referrals/{id}/information': {
    access: 'ACT',
    record: 'REFERRAL',
    roles: ['FORCE_REFERRER', 'NCA_LIAISON'],
    relation: 'OWNER_ORG',
  },
  'POST /referrals/{id}/assessment': {
    access: 'ACT',
    record: 'REFERRAL',
    roles: ['GATEWAY_ASSESSOR'],
    relation: 'REGION',
  },
  'POST /referrals/{id}/urgent-decision': {
    access: 'ACT',
    record: 'REFERRAL',
    roles: ['TTCG_CHAIR'],
    relation: 'REGION',
  },
  'POST /referrals/{id}/withdraw': {
    access: 'ACT',
    record: 'REFERRAL',
    roles: ['FORCE_REFERRER', 'NCA_LIAISON'],
    relation: 'OWNER_ORG',
  },
  'GET /meetings': { access: 'LIST', rows: 'MEETING' },
  'POST /meetings': { access: 'ROLES_IN_OWN_REGION', roles: ['TTCG_CHAIR', 'ROCU_MANAGER'] },
  'GET /meetings/{id}': { access: 'VIEW', record: 'MEETING' },
  'POST /meetings/{id}/attendance': { access: 'ACT', record: 'MEETING', roles: ['TTCG_CHAIR'], relation: 'REGION' },
  'POST /meetings/{id}/decisions': { access: 'ACT', record: 'MEETING', roles: ['TTCG_CHAIR'], relation: 'REGION' },
  'POST /meetings/{id}/close': { access: 'ACT', record: 'MEETING', roles: ['TTCG_CHAIR'], relation: 'REGION' },
  'GET /meetings/{id}/minutes': { access: 'VIEW', record: 'MEETING' },
  'GET /reports/deviations': { access: 'REGION_REPORT' },
  'GET /officers': { access: 'ROLES', roles: ['ROCU_MANAGER'] },
  'POST /referrals/{id}/sio': { access: 'ACT', record: 'REFERRAL', roles: ['ROCU_MANAGER'], relation: 'REGION' },
  'POST /referrals/{id}/lro': {
    access: 'ACT',
    record: 'REFERRAL',
    roles: ['FORCE_REFERRER', 'LRO'],
    relation: 'OWNER_ORG',
  },
  'POST /referrals/{id}/sio/reallocation': {
    access: 'ACT',
    record: 'REFERRAL',
    roles: ['ROCU_MANAGER'],
    relation: 'REGION',
  },
  'POST /referrals/{id}/lro/replacement': {
    access: 'ACT',
    record: 'REFERRAL',
    roles: ['FORCE_REFERRER', 'LRO'],
    relation: 'OWNER_ORG',
  },
  'POST /referrals/{id}/close': { access: 'ACT', record: 'REFERRAL', roles: ['ROCU_MANAGER'], relation: 'REGION' },
  // GAIN partner checks and disposals (issue 16): the GAIN co-ordinator of the referral's region.
  'POST /referrals/{id}/partner-checks': {
    access: 'ACT',
    record: 'REFERRAL',
    roles: ['GAIN_COORDINATOR'],
    relation: 'REGION',
  },
  'POST /referrals/{id}/partner-disposal': {
    access: 'ACT',
    record: 'REFERRAL',
    roles: ['GAIN_COORDINATOR'],
    relation: 'REGION',
  },
  // The NCA's national queue (issue 16): an NCA liaison answers referrals sent national by any region.
  'GET /national/queue': { access: 'ROLES', roles: ['NCA_LIAISON'] },
  'POST /referrals/{id}/national-acceptance': {
    access: 'ACT',
    record: 'REFERRAL',
    roles: ['NCA_LIAISON'],
    relation: 'NATIONAL',
  },
  'POST /referrals/{id}/national-return': {
    access: 'ACT',
    record: 'REFERRAL',
    roles: ['NCA_LIAISON'],
    relation: 'NATIONAL',
  },
  // National priorities, the NCA's tasking requests and the national rhythm (issue 16): everyone reads the
  // priorities; only an NCA liaison maintains them, makes requests, and sees the national calendar and report.
  'GET /national/priorities': { access: 'ANY_USER' },
  'POST /national/priorities': { access: 'ROLES', roles: ['NCA_LIAISON'] },
  'POST /national/priorities/{code}/retirement': { access: 'ROLES', roles: ['NCA_LIAISON'] },
  'POST /national/tasking-requests': { access: 'ROLES', roles: ['NCA_LIAISON'] },
  'GET /national/calendar': { access: 'ROLES', roles: ['NCA_LIAISON'] },
  'GET /national/report': { access: 'ROLES', roles: ['NCA_LIAISON'] },
  'GET /referrals/{id}/plan': { access: 'VIEW', record: 'REFERRAL' },
  'POST /referrals/{id}/plan/actions': { access: 'PLAN_OWNER' },
  'PATCH /referrals/{id}/plan/actions/{actionId}': { access: 'PLAN_OWNER' },
  'POST /referrals/{id}/plan/disruptions': { access: 'PLAN_OWNER' },
  'POST /referrals/{id}/plan/reviews': { access: 'PLAN_OWNER' },
  'GET /reports/4p-balance': { access: 'REGION_REPORT' },
  'GET /regions/{region}/settings': { access: 'ROLES_IN_OWN_REGION', roles: REGIONAL_STAFF },
  'GET /regions/{region}/settings/versions': { access: 'ROLES_IN_OWN_REGION', roles: REGIONAL_STAFF },
  'PUT /regions/{region}/settings': { access: 'ROLES_IN_OWN_REGION', roles: ['ROCU_MANAGER'] },
  'GET /audit': { access: 'ROLES', roles: AUDITORS },
  'GET /audit/verify': { access: 'ROLES', roles: AUDITORS },
  'GET /audit/anomalies': { access: 'ROLES', roles: AUDITORS },
  'GET /notifications': { access: 'LIST', rows: 'NOTIFICATION' },
  'GET /notifications/unread-count': { access: 'ANY_USER' },
  'POST /notifications/{id}/read': { access: 'RECIPIENT' },
  'GET /notifications/failed-deliveries': { access: 'ROLES', roles: ['ROCU_MANAGER'] },
  'GET /reports/notification-deliveries': { access: 'ROLES', roles: ['ROCU_MANAGER'] },
  // Mutual aid (issue 16): the tasking region's ROCU manager asks; the lending region's decides; both list them.
  'POST /mutual-aid-requests': { access: 'ACT', record: 'REFERRAL', roles: ['ROCU_MANAGER'], relation: 'REGION' },
  'GET /mutual-aid-requests': { access: 'ROLES', roles: ['ROCU_MANAGER'] },
  'POST /mutual-aid-requests/{id}/decision': {
    access: 'ACT',
    record: 'MUTUAL_AID',
    roles: ['ROCU_MANAGER'],
    relation: 'LENDING_REGION',
  },
  'POST /mutual-aid-requests/{id}/withdrawal': {
    access: 'ACT',
    record: 'MUTUAL_AID',
    roles: ['ROCU_MANAGER'],
    relation: 'BORROWING_REGION',
  },
} as const satisfies Record<string, RoutePolicy>;

type RouteKey = keyof typeof POLICY;
const ROUTE_KEYS = Object.keys(POLICY) as RouteKey[];

// ------------------------------------------------------------------------------------------------------
// Actors, records and the expected outcome
// ------------------------------------------------------------------------------------------------------

/** The region of the fixtures ("own"), and an organisation of another region for each kind ("other"). */
const HOME_REGION = 'YHROCU';
const HOME_FORCE = 'WYP';
/**
 * Besides the own and other organisation, roles that belong to partner agencies too are also played at one
 * (issue 16: HMRC, Border Force refer and attend like forces).
 */
const ACTOR_ORGS: Readonly<Record<Role, { own: string; other: string; agency?: string }>> = {
  FORCE_REFERRER: { own: HOME_FORCE, other: 'KENT', agency: 'HMRC' },
  GATEWAY_ASSESSOR: { own: HOME_REGION, other: 'ERSOU' },
  GAIN_COORDINATOR: { own: HOME_REGION, other: 'ERSOU' },
  TTCG_CHAIR: { own: HOME_REGION, other: 'ERSOU' },
  TTCG_MEMBER: { own: HOME_FORCE, other: 'KENT', agency: 'BORDER_FORCE' },
  ROCU_MANAGER: { own: HOME_REGION, other: 'ERSOU' },
  SIO: { own: HOME_REGION, other: 'ERSOU' },
  LRO: { own: HOME_FORCE, other: 'KENT' },
  NCA_LIAISON: { own: 'NCA', other: 'HMRC' },
  AUDITOR: { own: HOME_REGION, other: 'ERSOU' },
  NATIONAL_AUDITOR: { own: 'NCA', other: 'HMRC' },
};

/**
 * The plans' owners are seeded officers: the own-side SIO and LRO act as them (everyone else has a generated
 * sub). The other side holds the same subs in another organisation: a person is their sub and organisation,
 * so they are someone else and the assignment grants them nothing (issue 13).
 */
const PLAN_SIO = 'sio-yhrocu-5';
const PLAN_LRO = 'lro-wyp';
const PLAN_OWNER_SUBS: Partial<Record<Role, string>> = { SIO: PLAN_SIO, LRO: PLAN_LRO };

interface Organisation {
  code: string;
  kind: OrgKind;
  region: string | null;
}

interface MatrixActor {
  sub: string;
  role: Role;
  org: string;
  side: 'own' | 'other' | 'agency';
  region: string | null;
  /** The role, or null where it does not belong to the organisation's kind (then it confers nothing). */
  effectiveRole: Role | null;
  token: string;
}

interface ReferralFacts {
  ownerOrg: string;
  region: string;
  status: string;
  /** The assigned SIO and LRO (sub and organisation), who see their tasking whatever the referral's organisation. */
  sioSub?: string | null;
  sioOrg?: string | null;
  lroSub?: string | null;
  lroOrg?: string | null;
  /** Everyone who has owned the tasking, as `ROLE:sub:org` (a replaced SIO or LRO keeps read access to what they did). */
  owners?: readonly string[];
}
/** Whom a notification is for: everyone in the role at the organisation, or only the person named. */
interface NotificationFacts {
  role: string;
  org: string;
  sub: string | null;
}
interface MeetingFacts {
  region: string;
  /** Subs recorded as attending: a TTCG member sees those meetings wherever they are. */
  attendees?: string[];
}

/** A mutual-aid request: seen by the ROCU managers of the two regions only. */
interface MutualAidFacts {
  borrowingRegion: string;
  lendingRegion: string;
}

type Target =
  | { kind: 'NONE' }
  | { kind: 'MUTUAL_AID'; facts: MutualAidFacts }
  | { kind: 'REGION'; region: string }
  | { kind: 'REFERRAL'; facts: ReferralFacts }
  | { kind: 'MEETING'; facts: MeetingFacts }
  | { kind: 'NOTIFICATION'; facts: NotificationFacts };

type Outcome = 'ALLOW' | 'FORBID' | 'HIDE';

const describeActor = (actor: MatrixActor): string => `${actor.role}@${actor.org} (${actor.side})`;

const holds = (actor: MatrixActor, roles: readonly Role[]): boolean =>
  actor.effectiveRole !== null && roles.includes(actor.effectiveRole);

function seesReferral(actor: MatrixActor, referral: ReferralFacts): boolean {
  return (
    (holds(actor, OWNING_ORGANISATION) && actor.org === referral.ownerOrg) ||
    (holds(actor, REGIONAL_STAFF) && actor.region !== null && actor.region === referral.region) ||
    (holds(actor, ['NCA_LIAISON']) && referral.status === 'REFERRED_NATIONAL') ||
    (holds(actor, ['SIO']) && referral.sioSub === actor.sub && referral.sioOrg === actor.org) ||
    (holds(actor, ['LRO']) && referral.lroSub === actor.sub && referral.lroOrg === actor.org) ||
    (holds(actor, ['SIO', 'LRO']) && !!referral.owners?.includes(`${actor.role}:${actor.sub}:${actor.org}`))
  );
}

function seesMutualAid(actor: MatrixActor, request: MutualAidFacts): boolean {
  return (
    holds(actor, ['ROCU_MANAGER']) &&
    actor.region !== null &&
    [request.borrowingRegion, request.lendingRegion].includes(actor.region)
  );
}

function isRecipient(actor: MatrixActor, notification: NotificationFacts): boolean {
  return (
    actor.effectiveRole === notification.role &&
    actor.org === notification.org &&
    (notification.sub === null || notification.sub === actor.sub)
  );
}

function seesMeeting(actor: MatrixActor, meeting: MeetingFacts): boolean {
  return (
    (holds(actor, MEETING_PARTICIPANTS) && actor.region !== null && actor.region === meeting.region) ||
    (holds(actor, ['TTCG_MEMBER', 'SIO']) && (meeting.attendees ?? []).includes(actor.sub))
  );
}

/**
 * The written audit scope as SQL on `audit_log a` (parameters from $3): the whole trail for the national
 * auditor; for a ROCU's auditor the region's people, referrals and meetings; otherwise the organisation's
 * people and referrals.
 */
function auditRowsInScope(actor: MatrixActor): { sql: string; params: string[] } {
  if (actor.effectiveRole === 'NATIONAL_AUDITOR') return { sql: 'true', params: [] };
  if (actor.region !== null && actor.org === actor.region) {
    return {
      sql: `(a.actor_org IN (SELECT code FROM organisations WHERE region_code = $3)
             OR a.entity_id IN (SELECT id::text FROM referrals WHERE region = $3)
             OR a.entity_id IN (SELECT id::text FROM meetings WHERE region = $3))`,
      params: [actor.region],
    };
  }
  return {
    sql: `(a.actor_org = $3 OR a.entity_id IN (SELECT id::text FROM referrals WHERE owner_org = $3))`,
    params: [actor.org],
  };
}

function sees(actor: MatrixActor, target: Target): boolean {
  switch (target.kind) {
    case 'REFERRAL':
      return seesReferral(actor, target.facts);
    case 'MEETING':
      return seesMeeting(actor, target.facts);
    case 'NOTIFICATION':
      return isRecipient(actor, target.facts);
    case 'MUTUAL_AID':
      return seesMutualAid(actor, target.facts);
    case 'NONE':
    case 'REGION':
      return true;
  }
}

function relates(actor: MatrixActor, relation: Relation, target: Target): boolean {
  if (target.kind === 'MUTUAL_AID') {
    const region = relation === 'LENDING_REGION' ? target.facts.lendingRegion : target.facts.borrowingRegion;
    return (relation === 'LENDING_REGION' || relation === 'BORROWING_REGION') && actor.region === region;
  }
  const facts = target.kind === 'REFERRAL' || target.kind === 'MEETING' ? target.facts : undefined;
  if (!facts) return false;
  switch (relation) {
    case 'REGION':
      return actor.region !== null && actor.region === facts.region;
    case 'OWNER_ORG':
      return 'ownerOrg' in facts && actor.org === facts.ownerOrg;
    case 'NATIONAL':
      return true;
    case 'LENDING_REGION':
    case 'BORROWING_REGION':
      return false;
  }
}

function expectedOutcome(policy: RoutePolicy, actor: MatrixActor, target: Target): Outcome {
  switch (policy.access) {
    case 'PUBLIC':
    case 'ANY_USER':
    case 'LIST':
      return 'ALLOW';
    case 'ROLES':
      return holds(actor, policy.roles) ? 'ALLOW' : 'FORBID';
    case 'ROLES_IN_OWN_REGION':
      return holds(actor, policy.roles) && target.kind === 'REGION' && actor.region === target.region
        ? 'ALLOW'
        : 'FORBID';
    case 'REGION_REPORT':
      return holds(actor, MEETING_PARTICIPANTS) && actor.region !== null ? 'ALLOW' : 'FORBID';
    case 'VIEW':
      return sees(actor, target) ? 'ALLOW' : 'HIDE';
    case 'ACT':
      if (!sees(actor, target)) return 'HIDE';
      return holds(actor, policy.roles) && relates(actor, policy.relation, target) ? 'ALLOW' : 'FORBID';
    case 'RECIPIENT':
      return sees(actor, target) ? 'ALLOW' : 'HIDE';
    case 'PLAN_OWNER':
      if (!sees(actor, target)) return 'HIDE';
      return (holds(actor, ['SIO']) && actor.sub === PLAN_SIO && actor.org === HOME_REGION) ||
        (holds(actor, ['LRO']) && actor.sub === PLAN_LRO && actor.org === HOME_FORCE)
        ? 'ALLOW'
        : 'FORBID';
  }
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/**
 * Reads that show no record, and so leave no audit row: health, code lists, the caller's own unread count and
 * whether the audit chain holds. Every other read is audited (domain.md section 8), an empty list too.
 */
const READS_NO_RECORD: ReadonlySet<RouteKey> = new Set<RouteKey>([
  'GET /health',
  'GET /health/live',
  'GET /health/ready',
  'GET /reference/organisations',
  'GET /reference/capabilities',
  'GET /reference/crime-types',
  'GET /reference/scoring-scheme',
  'GET /national/priorities',
  'GET /notifications/unread-count',
  'GET /audit/verify',
]);

function problemCode(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const { code, title } = body as { code?: unknown; title?: unknown };
  if (typeof code === 'string') return ` ${code}`;
  return typeof title === 'string' ? ` ${title}` : '';
}

/** Null when the status is what the policy says; otherwise why not. */
function judge(expected: Outcome, response: HttpResponse<unknown>): string | null {
  const { status } = response;
  const got = `${status}${problemCode(response.body)}`;
  switch (expected) {
    case 'ALLOW':
      return isSuccess(status) ? null : `expected success, got ${got}`;
    case 'FORBID':
      if (isSuccess(status)) return `UNEXPECTED SUCCESS ${status}: expected 403`;
      return status === 403 ? null : `expected 403 (may see, may not act), got ${got}`;
    case 'HIDE':
      if (isSuccess(status)) return `UNEXPECTED SUCCESS ${status}: expected 404 (may not see the record)`;
      return status === 404 ? null : `expected 404 (may not see the record), got ${got}`;
  }
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the order of the results. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

const summarise = (label: string, rows: readonly string[]): string =>
  `${rows.length} ${label}${rows.length ? ` (e.g. ${rows.slice(0, 3).join('; ')})` : ''}`;

// ------------------------------------------------------------------------------------------------------
// The matrix
// ------------------------------------------------------------------------------------------------------

interface ProbeSpec {
  variant: string;
  target: Target;
  /** Sends the request; `recordId` replaces the record's id (the existence-oracle probe). */
  send: (recordId?: string) => Promise<HttpResponse<unknown>>;
  /** For routes with a record id: a request for an id that does not exist must answer the same as a hidden one. */
  hasRecordId: boolean;
  /** Further checks on a successful answer (lists: no foreign rows, none missing). */
  inspect?: (body: unknown) => Promise<string[]>;
}

interface Probe extends ProbeSpec {
  route: RouteKey;
  actor: MatrixActor;
}

interface ListBody {
  items: { id: string }[];
  total: number;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const PARALLEL = 8;
const DAY_MS = 86_400_000;

describe('authorization matrix: every route x every role x own and other organisation', () => {
  let stack: Stack;
  let actors: MatrixActor[] = [];
  let probes: Probe[] = [];
  let openApiRoutes: string[] = [];
  const organisations = new Map<string, Organisation>();
  const fixtureTokens = new Map<string, string>();
  let meetingCounter = 0;

  const token = async (role: Role, org: string, sub?: string): Promise<string> => {
    const key = `${role}@${org}:${sub ?? ''}`;
    const cached = fixtureTokens.get(key);
    if (cached) return cached;
    const minted = await stack.token([role], org, sub);
    fixtureTokens.set(key, minted);
    return minted;
  };

  const must = async <T>(
    what: string,
    expectedStatus: number,
    sent: Promise<HttpResponse<T>>,
  ): Promise<HttpResponse<T>> => {
    const response = await sent;
    if (response.status !== expectedStatus) {
      throw new Error(`fixture: ${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response;
  };

  // ---- referral fixtures, all owned by WYP (region YHROCU) unless said otherwise ----

  const submit = async (org = HOME_FORCE, overrides: Record<string, unknown> = {}): Promise<string> => {
    // A force's referral affects that force first, so it goes to that force's ROCU (an agency's to YHROCU);
    // WYP and SYP are affected too, so either force's LRO may own the tasking.
    const ownForce =
      findOrganisation(org)?.kind === 'FORCE'
        ? { forcesAffected: [org, ...['WYP', 'SYP'].filter((f) => f !== org)] }
        : {};
    const response = await must(
      `submit as ${org}`,
      201,
      stack.http.post<{ id: string }>(
        '/referrals',
        referralBody({ ...ownForce, ...overrides }),
        await token('FORCE_REFERRER', org),
      ),
    );
    return response.body.id;
  };
  const triage = async (id: string, decision: 'ACCEPT' | 'REQUEST_INFO', rocu = HOME_REGION): Promise<void> => {
    await must(
      `triage ${decision}`,
      200,
      stack.http.post(
        `/referrals/${id}/triage`,
        { decision, reason: 'matrix fixture' },
        await token('GATEWAY_ASSESSOR', rocu),
      ),
    );
  };
  const assess = async (id: string, assessment: Record<string, unknown> = {}, rocu = HOME_REGION): Promise<void> => {
    await must(
      'assess',
      200,
      stack.http.post(
        `/referrals/${id}/assessment`,
        workedExampleAssessment(assessment),
        await token('GATEWAY_ASSESSOR', rocu),
      ),
    );
  };
  const submitted = (org = HOME_FORCE): Promise<string> => submit(org);
  const infoRequested = async (): Promise<string> => {
    const id = await submit();
    await triage(id, 'REQUEST_INFO');
    return id;
  };
  const inAssessment = async (org = HOME_FORCE, rocu = HOME_REGION): Promise<string> => {
    const id = await submit(org);
    await triage(id, 'ACCEPT', rocu);
    return id;
  };
  const awaitingDecision = async (
    overrides: Record<string, unknown> = {},
    assessment: Record<string, unknown> = {},
  ): Promise<string> => {
    const id = await submit(HOME_FORCE, overrides);
    await triage(id, 'ACCEPT');
    await assess(id, assessment);
    return id;
  };
  const referredNational = async (org = HOME_FORCE, rocu = HOME_REGION): Promise<string> => {
    const id = await inAssessment(org, rocu);
    await assess(id, { route: 'REFER_NATIONAL' }, rocu);
    return id;
  };

  // ---- tasking fixtures: adopted out of meeting (IMMEDIATE), then SIO and LRO for an ACTIVE plan ----

  const adopted = async (org = HOME_FORCE, rocu = HOME_REGION): Promise<string> => {
    const id = await submit(org, { urgency: 'IMMEDIATE', threatToLife: true });
    await triage(id, 'ACCEPT', rocu);
    await assess(id, {}, rocu);
    await must(
      'urgent adoption',
      200,
      stack.http.post(
        `/referrals/${id}/urgent-decision`,
        { decision: 'ADOPT_ROCU_LEAD', rationale: 'matrix fixture' },
        await token('TTCG_CHAIR', rocu),
      ),
    );
    return id;
  };
  const active = async (): Promise<string> => {
    const id = await adopted();
    await must(
      'allocate the SIO',
      200,
      stack.http.post(
        `/referrals/${id}/sio`,
        {
          officerSub: PLAN_SIO,
          justification: 'matrix fixture',
          exceptionJustification: FIXTURE_OVERLOAD,
          conflictDeclaration: { hasConflict: false },
        },
        await token('ROCU_MANAGER', HOME_REGION),
      ),
    );
    await must(
      'name the LRO',
      200,
      stack.http.post(
        `/referrals/${id}/lro`,
        { officerSub: PLAN_LRO, name: 'DI Matrix' },
        await token('FORCE_REFERRER', HOME_FORCE),
      ),
    );
    return id;
  };
  const actionBody = () => ({
    pillar: 'PREVENT',
    description: 'Diversion work with schools',
    ownerOrg: HOME_FORCE,
    ownerName: 'PS Matrix',
    dueAt: '2027-03-01T12:00:00Z',
  });

  // ---- meeting fixtures ----

  const meetingBody = (
    region: string,
    type: string,
    papersCloseInMs: number,
    scheduledInMs = 2 * DAY_MS,
  ): Record<string, unknown> => {
    meetingCounter += 1;
    const scheduledFor = Date.now() + scheduledInMs + meetingCounter * 60_000;
    return {
      region,
      type,
      scheduledFor: new Date(scheduledFor).toISOString(),
      papersCloseAt: new Date(Math.min(Date.now() + papersCloseInMs, scheduledFor - 1_000)).toISOString(),
    };
  };
  const createMeeting = async (
    region: string,
    type: 'TTCG' | 'COVERT_COMMISSIONING',
    papersCloseInMs: number,
    scheduledInMs?: number,
  ): Promise<string> => {
    const response = await must(
      `create a ${type} meeting in ${region}`,
      201,
      stack.http.post<{ id: string }>(
        '/meetings',
        meetingBody(region, type, papersCloseInMs, scheduledInMs),
        await token('TTCG_CHAIR', region),
      ),
    );
    return response.body.id;
  };
  const waitUntilFrozen = async (ids: readonly string[]): Promise<void> => {
    await eventually(
      async () => {
        const { rows } = await stack.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM meetings WHERE id = ANY($1::uuid[]) AND status = 'AGENDA_FROZEN'`,
          [ids],
        );
        if (rows[0].n !== ids.length) throw new Error(`${rows[0].n} of ${ids.length} meetings frozen`);
      },
      60_000,
      250,
    );
  };

  // ---- list checks: the rows are exactly those the policy lets the caller see ----

  const compareRows = (
    listed: readonly string[],
    visible: ReadonlyMap<string, string>,
    all: ReadonlyMap<string, string>,
  ) => {
    const listedSet = new Set(listed);
    const foreign = listed.filter((id) => !visible.has(id)).map((id) => `${id} ${all.get(id) ?? 'unknown row'}`);
    const missing = [...visible].filter(([id]) => !listedSet.has(id)).map(([id, facts]) => `${id} ${facts}`);
    const problems: string[] = [];
    if (foreign.length) problems.push(`FOREIGN ROWS: ${summarise('rows the caller may not see', foreign)}`);
    if (missing.length) problems.push(`missing rows: ${summarise('visible rows not listed', missing)}`);
    if (listed.length !== listedSet.size) problems.push('a row is listed twice');
    return problems;
  };

  const listAll = async (path: string, tokenValue: string): Promise<HttpResponse<unknown>> => {
    const separator = path.includes('?') ? '&' : '?';
    const first = await stack.http.get<ListBody>(`${path}${separator}pageSize=200&page=1`, tokenValue);
    if (!isSuccess(first.status)) return first;
    const items = [...first.body.items];
    for (let page = 2; items.length < first.body.total && page <= 50; page += 1) {
      const next = await stack.http.get<ListBody>(`${path}${separator}pageSize=200&page=${page}`, tokenValue);
      if (!isSuccess(next.status)) return next;
      if (next.body.items.length === 0) break;
      items.push(...next.body.items);
    }
    return { ...first, body: { items, total: first.body.total } };
  };

  const referralListCheck =
    (actor: MatrixActor, filter: Partial<ReferralFacts>) =>
    async (body: unknown): Promise<string[]> => {
      const { items, total } = body as ListBody;
      const { rows } = await stack.db.query<ReferralFacts & { id: string }>(
        `SELECT id, owner_org AS "ownerOrg", region, status, sio_sub AS "sioSub", sio_org AS "sioOrg",
                lro_sub AS "lroSub", lro_org AS "lroOrg",
                array(SELECT o.role || ':' || o.officer_sub || ':' || o.officer_org
                        FROM tasking_owners o WHERE o.referral_id = r.id) AS "owners"
           FROM referrals r`,
      );
      const describeRow = (row: ReferralFacts): string => `${row.ownerOrg}/${row.region}/${row.status}`;
      const matches = (row: ReferralFacts): boolean =>
        (filter.ownerOrg === undefined || row.ownerOrg === filter.ownerOrg) &&
        (filter.region === undefined || row.region === filter.region) &&
        (filter.status === undefined || row.status === filter.status);
      const all = new Map(rows.map((row) => [row.id, describeRow(row)]));
      const visible = new Map(
        rows.filter((row) => seesReferral(actor, row) && matches(row)).map((row) => [row.id, describeRow(row)]),
      );
      const problems = compareRows(
        items.map((item) => item.id),
        visible,
        all,
      );
      if (total !== items.length) problems.push(`total ${total} but ${items.length} rows`);
      return problems;
    };

  const meetingListCheck =
    (actor: MatrixActor, region: string | undefined) =>
    async (body: unknown): Promise<string[]> => {
      const { items, total } = body as ListBody;
      const { rows } = await stack.db.query<MeetingFacts & { id: string }>(
        `SELECT id, region, ARRAY(SELECT sub FROM meeting_attendees a WHERE a.meeting_id = m.id AND NOT a.removed) AS attendees FROM meetings m`,
      );
      const all = new Map(rows.map((row) => [row.id, row.region]));
      const visible = new Map(
        rows
          .filter((row) => seesMeeting(actor, row) && (region === undefined || row.region === region))
          .map((row) => [row.id, row.region]),
      );
      const problems = compareRows(
        items.map((item) => item.id),
        visible,
        all,
      );
      if (total !== items.length) problems.push(`total ${total} but ${items.length} rows`);
      return problems;
    };

  /** The caller's inbox lists exactly the notifications addressed to them. */
  const notificationListCheck =
    (actor: MatrixActor) =>
    async (body: unknown): Promise<string[]> => {
      const { items, total } = body as ListBody;
      const { rows } = await stack.db.query<NotificationFacts & { id: string }>(
        `SELECT id::text, recipient_role AS role, recipient_org AS org, recipient_sub AS sub FROM notifications`,
      );
      const describeRow = (row: NotificationFacts): string => `${row.role}@${row.org}${row.sub ? `/${row.sub}` : ''}`;
      const visible = rows.filter((row) => isRecipient(actor, row));
      const problems = compareRows(
        items.map((item) => item.id),
        new Map(visible.map((row) => [row.id, describeRow(row)])),
        new Map(rows.map((row) => [row.id, describeRow(row)])),
      );
      return total === items.length ? problems : [...problems, `total ${total} but ${items.length} rows`];
    };

  // ---- mutual-aid fixtures: requests between the home region and ERSOU ----

  /** A live tasking of ERSOU (a Kent referral), for the requests ERSOU makes of the home region. */
  let ersouTasking = '';
  const HOME_ASKS_ERSOU: MutualAidFacts = { borrowingRegion: HOME_REGION, lendingRegion: 'ERSOU' };
  const ERSOU_ASKS_HOME: MutualAidFacts = { borrowingRegion: 'ERSOU', lendingRegion: HOME_REGION };
  const mutualAidBody = (referralId: string, lendingRegion: string) => ({
    referralId,
    lendingRegion,
    kind: 'CAPABILITY',
    capability: 'COVERT_SURVEILLANCE',
    reason: 'Matrix: our surveillance team is deployed',
  });
  /** A fresh REQUESTED request per actor (a decision or a withdrawal is final), made by the borrowing region's manager. */
  const mutualAidAction =
    (action: string, facts: MutualAidFacts, body: () => unknown) =>
    async (actor: MatrixActor): Promise<ProbeSpec[]> => {
      const tasking = facts.borrowingRegion === HOME_REGION ? planReferral : ersouTasking;
      const asked = await must(
        `ask ${facts.lendingRegion} for mutual aid`,
        201,
        stack.http.post<{ id: string }>(
          '/mutual-aid-requests',
          mutualAidBody(tasking, facts.lendingRegion),
          await token('ROCU_MANAGER', facts.borrowingRegion),
        ),
      );
      return [
        {
          variant: `${facts.borrowingRegion} asks ${facts.lendingRegion}`,
          target: { kind: 'MUTUAL_AID', facts },
          hasRecordId: true,
          send: (recordId = asked.body.id) =>
            stack.http.request<unknown>('POST', `/mutual-aid-requests/${recordId}/${action}`, {
              token: actor.token,
              body: body(),
            }),
        },
      ];
    };
  /** The list holds exactly the requests of the caller's region, on either side. */
  const mutualAidListCheck =
    (actor: MatrixActor) =>
    async (body: unknown): Promise<string[]> => {
      const { items, total } = body as ListBody;
      const { rows } = await stack.db.query<MutualAidFacts & { id: string }>(
        `SELECT id::text, borrowing_region AS "borrowingRegion", lending_region AS "lendingRegion"
           FROM mutual_aid_requests`,
      );
      const describeRow = (row: MutualAidFacts): string => `${row.borrowingRegion} asks ${row.lendingRegion}`;
      const problems = compareRows(
        items.map((item) => item.id),
        new Map(rows.filter((row) => seesMutualAid(actor, row)).map((row) => [row.id, describeRow(row)])),
        new Map(rows.map((row) => [row.id, describeRow(row)])),
      );
      return total === items.length ? problems : [...problems, `total ${total} but ${items.length} rows`];
    };

  // ---- drivers: a valid request per route, against a record in the right state (fresh when it mutates) ----

  let viewReferral = '';
  let planReferral = '';
  let nationalReferral = '';
  let viewMeeting = '';
  const decisionReferrals = new Map<string, string>();
  /** One ACTIVE tasking per actor whose urgent adoption the decision meeting ratified: closable. */
  const closableReferrals = new Map<string, string>();
  let decisionMeeting = '';
  const closeMeetings: string[] = [];

  const WYP_SUBMITTED = (status: string): Target => ({
    kind: 'REFERRAL',
    facts: { ownerOrg: HOME_FORCE, region: HOME_REGION, status },
  });
  /** The shared ACTIVE referral, assigned to the plan's SIO and LRO. */
  const PLAN_TARGET: Target = {
    kind: 'REFERRAL',
    facts: {
      ownerOrg: HOME_FORCE,
      region: HOME_REGION,
      status: 'ACTIVE',
      sioSub: PLAN_SIO,
      sioOrg: HOME_REGION,
      lroSub: PLAN_LRO,
      lroOrg: HOME_FORCE,
    },
  };
  const HOME_MEETING: Target = { kind: 'MEETING', facts: { region: HOME_REGION } };
  const actorKey = (actor: MatrixActor): string => `${actor.role}@${actor.org}`;

  const simple =
    (method: string, path: string, body?: () => unknown) =>
    async (actor: MatrixActor): Promise<ProbeSpec[]> => [
      {
        variant: '',
        target: { kind: 'NONE' },
        hasRecordId: false,
        send: () => stack.http.request<unknown>(method, path, { token: actor.token, body: body?.() }),
      },
    ];

  /** A request about the home region's settings (the region is in the path). */
  const regionSettings =
    (method: string, suffix: string, body?: () => unknown) =>
    async (actor: MatrixActor): Promise<ProbeSpec[]> => [
      {
        variant: `region=${HOME_REGION}`,
        target: { kind: 'REGION', region: HOME_REGION },
        hasRecordId: false,
        send: () =>
          stack.http.request<unknown>(method, `/regions/${HOME_REGION}/settings${suffix}`, {
            token: actor.token,
            body: body?.(),
          }),
      },
    ];

  /** A POST on a referral: a fresh record in `status` for each actor, so a success cannot change the next case. */
  const referralAction =
    (
      action: string,
      status: string,
      fixture: () => Promise<string>,
      body: () => unknown,
      target: Target = WYP_SUBMITTED(status),
    ) =>
    async (actor: MatrixActor): Promise<ProbeSpec[]> => {
      const id = await fixture();
      return [
        {
          variant: status,
          target,
          hasRecordId: true,
          send: (recordId = id) =>
            stack.http.request<unknown>('POST', `/referrals/${recordId}/${action}`, {
              token: actor.token,
              body: body(),
            }),
        },
      ];
    };

  /** A GET whose answer may be HTML (printable minutes) rather than JSON. */
  const getAnyType = async (path: string, tokenValue: string): Promise<HttpResponse<unknown>> => {
    const response = await fetch(`${stack.http.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${tokenValue}` },
    });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return {
      status: response.status,
      body: json && text ? (JSON.parse(text) as unknown) : text,
      headers: response.headers,
    };
  };

  const recordGet =
    (records: () => { variant: string; id: string; target: Target; path: (id: string) => string }[]) =>
    async (actor: MatrixActor): Promise<ProbeSpec[]> =>
      records().map(({ variant, id, target, path }) => ({
        variant,
        target,
        hasRecordId: true,
        send: (recordId = id) => getAnyType(path(recordId), actor.token),
      }));

  /** A plan change on the shared ACTIVE referral (changes by one owner never stop the other's). */
  const planChange =
    (method: string, path: (id: string) => string, body: () => unknown) =>
    async (actor: MatrixActor): Promise<ProbeSpec[]> => [
      {
        variant: 'ACTIVE',
        target: PLAN_TARGET,
        hasRecordId: true,
        send: (recordId = planReferral) =>
          stack.http.request<unknown>(method, path(recordId), { token: actor.token, body: body() }),
      },
    ];

  /** A region report: it must be about the caller's own region, and its count must match the database's. */
  const regionReport =
    (path: string, field: string, countSql: string) =>
    async (actor: MatrixActor): Promise<ProbeSpec[]> => [
      {
        variant: '',
        target: { kind: 'NONE' },
        hasRecordId: false,
        send: () => stack.http.get<unknown>(path, actor.token),
        inspect: async (body) => {
          const report = body as { region: string } & Record<string, unknown>;
          const { rows } = await stack.db.query<{ n: number }>(countSql, [actor.region]);
          const problems: string[] = [];
          if (report.region !== actor.region) problems.push(`FOREIGN REPORT: region ${report.region}`);
          if (report[field] !== rows[0].n)
            problems.push(`${field} ${String(report[field])}, the region has ${rows[0].n}`);
          return problems;
        },
      },
    ];

  const DRIVERS: Readonly<Record<RouteKey, (actor: MatrixActor) => Promise<ProbeSpec[]>>> = {
    'GET /health': simple('GET', '/health'),
    'GET /health/live': simple('GET', '/health/live'),
    'GET /health/ready': simple('GET', '/health/ready'),
    'POST /auth/dev-token': simple('POST', '/auth/dev-token', () => ({
      sub: 'matrix-minted',
      name: 'Matrix Minted',
      roles: ['FORCE_REFERRER'],
      org: HOME_FORCE,
    })),
    'GET /reference/organisations': simple('GET', '/reference/organisations'),
    'GET /reference/capabilities': simple('GET', '/reference/capabilities'),
    'GET /reference/crime-types': simple('GET', '/reference/crime-types'),
    'GET /reference/scoring-scheme': simple('GET', '/reference/scoring-scheme'),
    'POST /referrals': simple('POST', '/referrals', () => referralBody()),
    'GET /referrals': async (actor) => {
      const filters: { variant: string; query: string; filter: Partial<ReferralFacts> }[] = [
        { variant: 'all', query: '', filter: {} },
        { variant: 'org=SYP', query: '?org=SYP', filter: { ownerOrg: 'SYP' } },
        { variant: 'org=KENT', query: '?org=KENT', filter: { ownerOrg: 'KENT' } },
        { variant: 'region=ERSOU', query: '?region=ERSOU', filter: { region: 'ERSOU' } },
        { variant: `region=${HOME_REGION}`, query: `?region=${HOME_REGION}`, filter: { region: HOME_REGION } },
        {
          variant: 'status=REFERRED_NATIONAL',
          query: '?status=REFERRED_NATIONAL',
          filter: { status: 'REFERRED_NATIONAL' },
        },
      ];
      return filters.map(({ variant, query, filter }) => ({
        variant,
        target: { kind: 'NONE' },
        hasRecordId: false,
        send: () => listAll(`/referrals${query}`, actor.token),
        inspect: referralListCheck(actor, filter),
      }));
    },
    'GET /referrals/{id}': recordGet(() => [
      { variant: 'SUBMITTED', id: viewReferral, target: WYP_SUBMITTED('SUBMITTED'), path: (id) => `/referrals/${id}` },
      {
        variant: 'REFERRED_NATIONAL',
        id: nationalReferral,
        target: WYP_SUBMITTED('REFERRED_NATIONAL'),
        path: (id) => `/referrals/${id}`,
      },
    ]),
    'POST /referrals/{id}/triage': referralAction('triage', 'SUBMITTED', submitted, () => ({
      decision: 'REQUEST_INFO',
      reason: 'Which nominals are linked to the firearms?',
    })),
    'POST /referrals/{id}/information': referralAction('information', 'INFO_REQUESTED', infoRequested, () => ({
      response: 'Both principals; see IR-124.',
    })),
    'POST /referrals/{id}/assessment': referralAction(
      'assessment',
      'ASSESSMENT',
      () => inAssessment(),
      () => workedExampleAssessment(),
    ),
    'POST /referrals/{id}/urgent-decision': referralAction(
      'urgent-decision',
      'AWAITING_DECISION (IMMEDIATE)',
      () => awaitingDecision({ urgency: 'IMMEDIATE', threatToLife: true }),
      () => ({ decision: 'ADOPT_ROCU_LEAD', rationale: 'Threat to life' }),
    ),
    'POST /referrals/{id}/withdraw': referralAction('withdraw', 'SUBMITTED', submitted, () => ({
      reason: 'Force-level response now suffices',
    })),
    'GET /meetings': async (actor) =>
      [undefined, 'ERSOU', HOME_REGION].map((region): ProbeSpec => ({
        variant: region ? `region=${region}` : 'all',
        target: { kind: 'NONE' },
        hasRecordId: false,
        send: () => listAll(`/meetings${region ? `?region=${region}` : ''}`, actor.token),
        inspect: meetingListCheck(actor, region),
      })),
    'POST /meetings': async (actor) => [
      {
        variant: `region=${HOME_REGION}`,
        target: { kind: 'REGION', region: HOME_REGION },
        hasRecordId: false,
        send: () =>
          stack.http.request<unknown>('POST', '/meetings', {
            token: actor.token,
            body: meetingBody(HOME_REGION, 'TTCG', DAY_MS),
          }),
      },
    ],
    'GET /meetings/{id}': recordGet(() => [
      { variant: 'SCHEDULED', id: viewMeeting, target: HOME_MEETING, path: (id) => `/meetings/${id}` },
    ]),
    'POST /meetings/{id}/attendance': async (actor) => [
      {
        // Attendance does not change the meeting's state, so one scheduled meeting serves every actor.
        variant: 'SCHEDULED',
        target: HOME_MEETING,
        hasRecordId: true,
        send: (recordId = viewMeeting) =>
          stack.http.request<unknown>('POST', `/meetings/${recordId}/attendance`, {
            token: actor.token,
            body: { attendees: [{ sub: 'member-matrix', name: 'DCI Matrix', org: HOME_FORCE, conflicts: [] }] },
          }),
      },
    ],
    'POST /meetings/{id}/decisions': async (actor) => {
      const referralId = decisionReferrals.get(actorKey(actor)) ?? '';
      return [
        {
          variant: 'AGENDA_FROZEN',
          target: HOME_MEETING,
          hasRecordId: true,
          send: (recordId = decisionMeeting) =>
            stack.http.request<unknown>('POST', `/meetings/${recordId}/decisions`, {
              token: actor.token,
              body: {
                referralId,
                decision: 'ADOPT_ROCU_LEAD',
                rationale: 'Necessary and proportionate',
                deviationJustification: 'Evidence expires this week',
              },
            }),
        },
      ];
    },
    'POST /meetings/{id}/close': async (actor) => {
      // An empty covert-commissioning agenda: closing it touches no referral the other cases use.
      const id = await createMeeting(HOME_REGION, 'COVERT_COMMISSIONING', 0);
      closeMeetings.push(id);
      return [
        {
          variant: 'AGENDA_FROZEN',
          target: HOME_MEETING,
          hasRecordId: true,
          send: (recordId = id) =>
            stack.http.request<unknown>('POST', `/meetings/${recordId}/close`, { token: actor.token, body: {} }),
        },
      ];
    },
    'GET /meetings/{id}/minutes': recordGet(() => [
      { variant: 'json', id: viewMeeting, target: HOME_MEETING, path: (id) => `/meetings/${id}/minutes` },
      {
        variant: 'html',
        id: decisionMeeting,
        target: HOME_MEETING,
        path: (id) => `/meetings/${id}/minutes?format=html`,
      },
    ]),
    'GET /reports/deviations': regionReport(
      '/reports/deviations',
      'total',
      `SELECT count(*)::int AS n FROM meeting_decisions d JOIN meetings m ON m.id = d.meeting_id
        WHERE m.region = $1 AND jsonb_array_length(d.passed_over) > 0`,
    ),
    'GET /audit': async (actor) => [
      {
        variant: '',
        target: { kind: 'NONE' },
        hasRecordId: false,
        send: () => stack.http.get<unknown>('/audit?pageSize=200', actor.token),
        // Exactly the auditor's scope: no row outside it on the page, and every row in it up to the newest listed
        // is counted (rows written by concurrent requests between the page and the count may add to the total).
        inspect: async (body) => {
          const { items, total } = body as { items: { id: string }[]; total: number };
          if (items.length === 0) return ['the audit trail is empty'];
          const scope = auditRowsInScope(actor);
          const { rows } = await stack.db.query<{ inScope: number; foreign: number }>(
            `SELECT count(*) FILTER (WHERE a.id <= $1 AND ${scope.sql})::int AS "inScope",
                    count(*) FILTER (WHERE a.id = ANY($2::bigint[]) AND NOT ${scope.sql})::int AS foreign
               FROM audit_log a`,
            [items[0].id, items.map((item) => item.id), ...scope.params],
          );
          const problems: string[] = [];
          if (rows[0].foreign > 0) problems.push(`FOREIGN ROWS: ${rows[0].foreign} audit rows outside the scope`);
          if (total < rows[0].inScope) problems.push(`ROWS HIDDEN: total ${total}, but ${rows[0].inScope} in scope`);
          return problems;
        },
      },
    ],
    'GET /officers': simple('GET', '/officers?role=SIO'),
    'GET /regions/{region}/settings': regionSettings('GET', ''),
    'GET /regions/{region}/settings/versions': regionSettings('GET', '/versions'),
    'PUT /regions/{region}/settings': regionSettings('PUT', '', () => ({
      settings: defaultRegionSettings('MONTHLY'),
      reason: 'Matrix: the same settings again',
    })),
    'POST /referrals/{id}/sio': referralAction('sio', 'ADOPTED', adopted, () => ({
      officerSub: PLAN_SIO,
      justification: 'Drugs specialist with capacity',
      exceptionJustification: FIXTURE_OVERLOAD,
      conflictDeclaration: { hasConflict: false },
    })),
    'POST /referrals/{id}/lro': referralAction('lro', 'ADOPTED', adopted, () => ({
      officerSub: PLAN_LRO,
      name: 'DI Matrix',
    })),
    'POST /referrals/{id}/sio/reallocation': referralAction(
      'sio/reallocation',
      'ACTIVE',
      active,
      reallocationBody,
      PLAN_TARGET,
    ),
    'POST /referrals/{id}/lro/replacement': referralAction(
      'lro/replacement',
      'ACTIVE',
      active,
      lroReplacementBody,
      PLAN_TARGET,
    ),
    'POST /referrals/{id}/close': async (actor) =>
      referralAction(
        'close',
        'ACTIVE',
        async () => closableReferrals.get(actorKey(actor)) ?? '',
        () => ({ outcome: 'Charged' }),
        PLAN_TARGET,
      )(actor),
    'POST /referrals/{id}/partner-checks': referralAction(
      'partner-checks',
      'ASSESSMENT',
      () => inAssessment(),
      () => ({
        agency: 'HMRC',
        requestedOn: '2026-01-05',
        result: 'HIT',
        reference: 'HMRC-1',
        checkedOn: '2026-01-06',
      }),
    ),
    'POST /referrals/{id}/partner-disposal': referralAction(
      'partner-disposal',
      'ASSESSMENT',
      () => inAssessment(),
      () => ({ agency: 'HMRC', reference: 'HMRC-FIS-1', rationale: 'HMRC is better placed' }),
    ),
    'GET /national/queue': simple('GET', '/national/queue?pageSize=200'),
    'POST /referrals/{id}/national-acceptance': referralAction(
      'national-acceptance',
      'REFERRED_NATIONAL',
      () => referredNational(),
      () => ({ reference: 'NCA-MATRIX-1' }),
    ),
    'POST /referrals/{id}/national-return': referralAction(
      'national-return',
      'REFERRED_NATIONAL',
      () => referredNational(),
      () => ({ reasons: 'Regional in scope' }),
    ),
    'GET /national/priorities': simple('GET', '/national/priorities'),
    'POST /national/priorities': simple('POST', '/national/priorities', () => ({
      code: `MATRIX_${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
      title: 'Matrix priority',
    })),
    // Retiring is idempotent, so every allowed caller may retire the same seeded priority.
    'POST /national/priorities/{code}/retirement': simple('POST', '/national/priorities/CYBER/retirement'),
    // In another region than the fixtures' meetings, so the requests never join their agendas.
    'POST /national/tasking-requests': simple('POST', '/national/tasking-requests', () => {
      const { route: _route, ...assessment } = workedExampleAssessment();
      return referralBody({
        region: 'ERSOU',
        forcesAffected: ['KENT'],
        nationalPriority: 'FIREARMS',
        assessment,
      });
    }),
    'GET /national/calendar': simple('GET', '/national/calendar'),
    'GET /national/report': simple('GET', '/national/report'),
    'GET /referrals/{id}/plan': recordGet(() => [
      { variant: 'ACTIVE', id: planReferral, target: PLAN_TARGET, path: (id) => `/referrals/${id}/plan` },
    ]),
    'POST /referrals/{id}/plan/actions': planChange('POST', (id) => `/referrals/${id}/plan/actions`, actionBody),
    'PATCH /referrals/{id}/plan/actions/{actionId}': async (actor) => {
      // A fresh action per actor, so every allowed change names the current version.
      const actionId = await addPlanAction(stack, planReferral, await token('SIO', HOME_REGION, PLAN_SIO));
      return planChange(
        'PATCH',
        (id) => `/referrals/${id}/plan/actions/${actionId}`,
        () => ({
          status: 'ACTIVE',
          version: 1,
        }),
      )(actor);
    },
    'POST /referrals/{id}/plan/disruptions': planChange(
      'POST',
      (id) => `/referrals/${id}/plan/disruptions`,
      () => ({
        pillar: 'PURSUE',
        significance: 'MINOR',
        description: 'Cash seizure',
        occurredAt: '2026-11-20T06:00:00Z',
      }),
    ),
    'POST /referrals/{id}/plan/reviews': planChange(
      'POST',
      (id) => `/referrals/${id}/plan/reviews`,
      () => ({
        summary: 'Joint review',
      }),
    ),
    'GET /reports/4p-balance': regionReport(
      '/reports/4p-balance',
      'plans',
      'SELECT count(*)::int AS n FROM plans WHERE region = $1',
    ),
    'GET /audit/verify': simple('GET', '/audit/verify'),
    'GET /audit/anomalies': simple('GET', '/audit/anomalies'),
    'GET /notifications': async (actor) => [
      {
        variant: '',
        target: { kind: 'NONE' },
        hasRecordId: false,
        send: () => listAll('/notifications', actor.token),
        inspect: notificationListCheck(actor),
      },
    ],
    'GET /notifications/unread-count': simple('GET', '/notifications/unread-count'),
    'POST /notifications/{id}/read': async (actor) => {
      // Marking read is idempotent, so the same notifications (the gateway team's, the referrer's) serve everyone.
      const { rows } = await stack.db.query<NotificationFacts & { id: string }>(
        `SELECT DISTINCT ON (recipient_role) id::text, recipient_role AS role, recipient_org AS org, recipient_sub AS sub
           FROM notifications WHERE (recipient_role, recipient_org) IN (('GATEWAY_ASSESSOR', $1), ('FORCE_REFERRER', $2))
          ORDER BY recipient_role, id`,
        [HOME_REGION, HOME_FORCE],
      );
      return rows.map((row) => ({
        variant: `${row.role}@${row.org}`,
        target: { kind: 'NOTIFICATION', facts: { role: row.role, org: row.org, sub: row.sub } },
        hasRecordId: true,
        send: (recordId = row.id) =>
          stack.http.request<unknown>('POST', `/notifications/${recordId}/read`, { token: actor.token, body: {} }),
      }));
    },
    'GET /notifications/failed-deliveries': simple('GET', '/notifications/failed-deliveries'),
    'GET /reports/notification-deliveries': simple('GET', '/reports/notification-deliveries'),
    'POST /mutual-aid-requests': async (actor) => [
      {
        // Asking changes nothing on the tasking, so the shared ACTIVE referral serves every actor.
        variant: 'ACTIVE',
        target: PLAN_TARGET,
        hasRecordId: true,
        send: (recordId = planReferral) =>
          stack.http.request<unknown>('POST', '/mutual-aid-requests', {
            token: actor.token,
            body: mutualAidBody(recordId, 'ERSOU'),
          }),
      },
    ],
    'GET /mutual-aid-requests': async (actor) => [
      {
        variant: '',
        target: { kind: 'NONE' },
        hasRecordId: false,
        send: () => listAll('/mutual-aid-requests', actor.token),
        inspect: mutualAidListCheck(actor),
      },
    ],
    'POST /mutual-aid-requests/{id}/decision': mutualAidAction('decision', ERSOU_ASKS_HOME, () => ({
      decision: 'APPROVE',
      reason: 'Matrix: lent for a month',
    })),
    'POST /mutual-aid-requests/{id}/withdrawal': mutualAidAction('withdrawal', HOME_ASKS_ERSOU, () => ({
      reason: 'Matrix: no longer needed',
    })),
  };

  beforeAll(async () => {
    stack = await Stack.start();

    const reference = await stack.http.get<Record<'forces' | 'rocus' | 'agencies', Organisation[]>>(
      '/reference/organisations',
      await stack.token(['AUDITOR'], HOME_REGION),
    );
    for (const org of [...reference.body.forces, ...reference.body.rocus, ...reference.body.agencies]) {
      organisations.set(org.code, { code: org.code, kind: org.kind, region: org.region });
    }

    actors = await Promise.all(
      ROLES.flatMap((role) =>
        (['own', 'other', 'agency'] as const).flatMap((side): Promise<MatrixActor>[] => {
          const org = ACTOR_ORGS[role][side];
          if (org === undefined) return [];
          const organisation = organisations.get(org);
          if (!organisation) throw new Error(`unknown organisation ${org}`);
          const sub = PLAN_OWNER_SUBS[role] ?? `${role.toLowerCase()}@${org.toLowerCase()}`;
          return [
            token(role, org, sub).then((minted) => ({
              sub,
              role,
              org,
              side,
              region: organisation.region,
              effectiveRole: ROLE_BELONGS_TO[role](org, organisation.kind) ? role : null,
              token: minted,
            })),
          ];
        }),
      ),
    );

    const docs = await fetch(`${stack.http.baseUrl.replace(/\/api\/v1$/, '')}/docs-json`);
    const document = (await docs.json()) as OpenApiDocument;
    openApiRoutes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => HTTP_METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`),
    );

    // Shared records: one per state to look at, and rows of other organisations and regions for the lists.
    [viewReferral, nationalReferral, viewMeeting, planReferral, ersouTasking] = await Promise.all([
      submitted(),
      referredNational(),
      createMeeting(HOME_REGION, 'TTCG', DAY_MS),
      active(),
      adopted('KENT', 'ERSOU'),
      submitted('SYP'),
      submitted('KENT'),
      referredNational('KENT', 'ERSOU'),
      submitted('NCA'),
      submitted('HMRC'),
      createMeeting('ERSOU', 'TTCG', DAY_MS),
    ]);

    // A decision meeting with a frozen agenda: a P1 item on top (so an adoption is a recorded deviation)
    // and one item per actor, each decided by that actor only.
    await awaitingDecision({}, P1_ASSESSMENT);
    await inPool(actors, PARALLEL, async (actor) => {
      decisionReferrals.set(actorKey(actor), await awaitingDecision());
      closableReferrals.set(actorKey(actor), await active());
    });
    // Held within the hour, with the chair and two of the region's forces: in session and quorate.
    decisionMeeting = await createMeeting(HOME_REGION, 'TTCG', 0, 30 * 60_000);
    await waitUntilFrozen([decisionMeeting]);
    const quorumChair = 'chair-quorum';
    await must(
      'record a quorate attendance',
      200,
      stack.http.post(
        `/meetings/${decisionMeeting}/attendance`,
        {
          attendees: [
            { sub: quorumChair, name: 'Det Supt Quorum', org: HOME_REGION, conflicts: [] },
            { sub: 'member-wyp', name: 'DCI WYP', org: 'WYP', conflicts: [] },
            { sub: 'member-syp', name: 'DCI SYP', org: 'SYP', conflicts: [] },
          ],
        },
        await token('TTCG_CHAIR', HOME_REGION, quorumChair),
      ),
    );
    // A tasking closes only once its urgent adoption is ratified.
    await inPool([...closableReferrals.values()], PARALLEL, async (referralId) =>
      must(
        'ratify the urgent adoption',
        200,
        stack.http.post(
          `/meetings/${decisionMeeting}/decisions`,
          { referralId, ratification: 'RATIFY', decision: 'ADOPT_ROCU_LEAD', rationale: 'matrix fixture' },
          await token('TTCG_CHAIR', HOME_REGION, quorumChair),
        ),
      ),
    );
    const { rows: agenda } = await stack.db.query<{ referralId: string }>(
      'SELECT referral_id AS "referralId" FROM meeting_items WHERE meeting_id = $1',
      [decisionMeeting],
    );
    const onAgenda = new Set(agenda.map((item) => item.referralId));
    if (![...decisionReferrals.values()].every((id) => onAgenda.has(id))) {
      throw new Error('fixture: a decision referral is missing from the frozen agenda');
    }

    // Every route x every actor; each driver makes the fresh records its case needs.
    const work = ROUTE_KEYS.flatMap((route) => actors.map((actor) => ({ route, actor })));
    const specs = await inPool(work, PARALLEL, async ({ route, actor }) =>
      (await DRIVERS[route](actor)).map((spec): Probe => ({ ...spec, route, actor })),
    );
    probes = specs.flat();
    await waitUntilFrozen(closeMeetings);
  }, 360_000);

  afterAll(async () => {
    await stack?.stop();
  });

  /** Whether the request left an audit row naming the caller, found by the correlation id the API answered with. */
  async function audited(response: HttpResponse<unknown>, actor: MatrixActor): Promise<boolean> {
    const correlationId = response.headers.get('x-correlation-id');
    if (!correlationId) return false;
    const { rows } = await stack.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE correlation_id = $1 AND actor_sub = $2`,
      [correlationId, actor.sub],
    );
    return rows[0].n > 0;
  }

  it('has a written policy for exactly the routes in the OpenAPI document', () => {
    const covered = new Set<string>(ROUTE_KEYS);
    const served = new Set(openApiRoutes);
    expect({
      routesWithoutPolicy: openApiRoutes.filter((route) => !covered.has(route)).sort(),
      policiesWithoutRoute: ROUTE_KEYS.filter((route) => !served.has(route)).sort(),
    }).toEqual({ routesWithoutPolicy: [], policiesWithoutRoute: [] });
    expect(openApiRoutes.length).toBeGreaterThan(0);
  });

  it('answers only the public routes without a token', async () => {
    const id = randomUUID();
    const mismatches = (
      await inPool(openApiRoutes, PARALLEL, async (route) => {
        const [method, template] = route.split(' ');
        const body =
          method === 'POST' && route === 'POST /auth/dev-token'
            ? { sub: 'anonymous-matrix', name: 'Anon', roles: ['FORCE_REFERRER'], org: HOME_FORCE }
            : method === 'GET'
              ? undefined
              : {};
        const response = await stack.http.request<unknown>(method, template.replace(/\{[^}]+\}/g, id), { body });
        const policy: RoutePolicy | undefined = (POLICY as Record<string, RoutePolicy>)[route];
        const isPublic = policy?.access === 'PUBLIC';
        if (isPublic && !isSuccess(response.status))
          return [`${route} without a token: expected success, got ${response.status}`];
        if (!isPublic && response.status !== 401) {
          return [`${route} without a token: expected 401, got ${response.status}${problemCode(response.body)}`];
        }
        return [];
      })
    ).flat();
    expect(mismatches).toEqual([]);
  });

  it('gives every role, in its own and another organisation, exactly what the written policy allows', async () => {
    const agencyActors = ROLES.filter((role) => ACTOR_ORGS[role].agency !== undefined).length;
    expect(actors).toHaveLength(ROLES.length * 2 + agencyActors);
    const run = async (probe: Probe): Promise<string[]> => {
      const policy: RoutePolicy = POLICY[probe.route];
      const expected = expectedOutcome(policy, probe.actor, probe.target);
      const where = `${probe.route}${probe.variant ? ` [${probe.variant}]` : ''} as ${describeActor(probe.actor)}`;
      const response = await probe.send();
      const problems: string[] = [];
      const verdict = judge(expected, response);
      if (verdict) problems.push(`${where}: ${verdict}`);
      if (expected === 'ALLOW' && isSuccess(response.status) && probe.inspect) {
        problems.push(...(await probe.inspect(response.body)).map((problem) => `${where}: ${problem}`));
      }
      if (expected === 'ALLOW' && isSuccess(response.status) && probe.route.startsWith('GET ')) {
        if (!READS_NO_RECORD.has(probe.route) && !(await audited(response, probe.actor))) {
          problems.push(`${where}: UNAUDITED READ: no audit row names the caller and the request`);
        }
      }
      // Issue 13: no cache, browser or shared, may keep an answer that carries records.
      if (response.headers.get('cache-control') !== 'no-store') {
        problems.push(`${where}: CACHEABLE: Cache-Control ${response.headers.get('cache-control') ?? 'absent'}`);
      }
      if (expected === 'HIDE' && probe.hasRecordId) {
        const missing = await probe.send(randomUUID());
        if (missing.status !== response.status) {
          problems.push(
            `${where}: EXISTENCE ORACLE: ${response.status} for the record but ${missing.status} for a missing id`,
          );
        }
      }
      return problems;
    };
    // Changes first (each on its own record), then reads and lists, which compare against the database.
    const changes = probes.filter((probe) => !probe.route.startsWith('GET '));
    const reads = probes.filter((probe) => probe.route.startsWith('GET '));
    const mismatches = [
      ...(await inPool(changes, PARALLEL, run)).flat(),
      ...(await inPool(reads, PARALLEL, run)).flat(),
    ].sort();
    // A route nobody may use would make the matrix pass vacuously (e.g. a typo in the policy).
    const allowed = new Set(
      probes
        .filter((probe) => expectedOutcome(POLICY[probe.route], probe.actor, probe.target) === 'ALLOW')
        .map((probe) => probe.route),
    );
    mismatches.push(
      ...ROUTE_KEYS.filter((route) => !allowed.has(route)).map((route) => `${route}: no actor may use it`),
    );
    if (mismatches.length > 0) {
      const unexpected = mismatches.filter((line) => line.includes('UNEXPECTED SUCCESS')).length;
      const foreign = mismatches.filter((line) => line.includes('FOREIGN')).length;
      mismatches.unshift(
        `SUMMARY: ${probes.length} cases; ${unexpected} unexpected successes, ${foreign} lists or reports with foreign rows, ${mismatches.length} mismatches in all`,
      );
    }
    expect(mismatches).toEqual([]);
  });
});
