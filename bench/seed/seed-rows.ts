import { ORGANISATIONS, ReferralStatus, Urgency } from '@rocu/domain';

/** Seeded rows are recognisable (and never have a workflow): their workflow ids start with this. */
export const SEED_WORKFLOW_PREFIX = 'seed-';

/** Referrals a year nationally: seeded row n belongs to year floor((n - 1) / this) before today. */
export const REFERRALS_PER_YEAR = 100_000;

/** Code names for subjects; a search for one matches about 1 in 40 referrals. */
export const CODENAMES = [
  'Kestrel',
  'Falcon',
  'Heron',
  'Osprey',
  'Merlin',
  'Harrier',
  'Kite',
  'Buzzard',
  'Raven',
  'Magpie',
  'Badger',
  'Otter',
  'Stoat',
  'Weasel',
  'Marten',
  'Fox',
  'Hare',
  'Vole',
  'Shrew',
  'Mole',
  'Granite',
  'Flint',
  'Basalt',
  'Slate',
  'Quartz',
  'Marble',
  'Chalk',
  'Shale',
  'Gneiss',
  'Jasper',
  'Thistle',
  'Bracken',
  'Heather',
  'Nettle',
  'Sorrel',
  'Teasel',
  'Yarrow',
  'Tansy',
  'Burdock',
  'Campion',
] as const;

const FORCES = ORGANISATIONS.filter((org) => org.kind === 'FORCE' && org.region !== null);

/** Status mix of the last year: a gateway a year into service, most referrals past the gateway. */
const RECENT_STATUS_WEIGHTS: [ReferralStatus, number][] = [
  ['SUBMITTED', 4],
  ['TRIAGE', 3],
  ['INFO_REQUESTED', 2],
  ['ASSESSMENT', 6],
  ['AWAITING_DECISION', 10],
  ['ADOPTED', 5],
  ['SIO_ALLOCATED', 5],
  ['ACTIVE', 15],
  ['CLOSED', 20],
  ['DEFERRED', 2],
  ['DECLINED', 8],
  ['REFERRED_NATIONAL', 3],
  ['REFERRED_PARTNER', 2],
  ['WITHDRAWN', 5],
  ['REJECTED', 10],
];
/** Older years: settled, bar the few long-running operations; nothing is still at the gateway. */
const SETTLED_STATUS_WEIGHTS: [ReferralStatus, number][] = [
  ['ACTIVE', 2],
  ['CLOSED', 50],
  ['DECLINED', 12],
  ['REFERRED_NATIONAL', 5],
  ['REFERRED_PARTNER', 3],
  ['WITHDRAWN', 8],
  ['REJECTED', 20],
];
const URGENCY_WEIGHTS: [Urgency, number][] = [
  ['IMMEDIATE', 10],
  ['PRIORITY', 30],
  ['ROUTINE', 60],
];
/** NCA tasking requests, each aligned to a national priority (the migration's seeded six): 2 in 100 referrals. */
const NCA_TASKING_SHARE = 0.02;
const NATIONAL_PRIORITIES = ['COUNTY_LINES', 'FIREARMS', 'CSEA', 'OIC_MSHT', 'ECONOMIC_CRIME', 'CYBER'];
const SUBJECT_TYPES = ['OCG', 'PRIORITY_INDIVIDUAL', 'VULNERABILITY', 'OPERATION'];
const BEFORE_ASSESSMENT: readonly ReferralStatus[] = ['SUBMITTED', 'TRIAGE', 'INFO_REQUESTED', 'ASSESSMENT'];
const NOT_SCORED: readonly ReferralStatus[] = [...BEFORE_ASSESSMENT, 'WITHDRAWN', 'REJECTED'];
/** Roughly the default gateway deadlines (triage, assessment) per urgency, in days. */
const DUE_DAYS: Record<Urgency, [number, number]> = {
  IMMEDIATE: [1 / 24, 4 / 24],
  PRIORITY: [1.4, 7],
  ROUTINE: [2.8, 14],
};

/** mulberry32: a small seeded PRNG so every run produces the same data set (the ranking phase's items). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A weighted choice as an array with each value repeated by its weight: a uniform pick from it is weighted. */
const spread = <T>(weights: readonly [T, number][]): T[] =>
  weights.flatMap(([value, weight]) => Array.from({ length: weight }, () => value));
const literal = (values: readonly (string | number)[]): string =>
  `ARRAY[${values.map((value) => (typeof value === 'number' ? String(value) : `'${value}'`)).join(', ')}]`;

/** Uniform in [0, 1) from row n and a draw number: the same row always gets the same values. */
const draw = (k: number): string => `((hashint8extended(g.n, ${k}) & 4294967295)::float8 / 4294967296)`;
const pick = (values: readonly (string | number)[], k: number): string =>
  `(${literal(values)})[1 + floor(${draw(k)} * ${values.length})::int]`;
const sqlIn = (values: readonly string[]): string => `(${values.map((value) => `'${value}'`).join(', ')})`;

/**
 * The seeded rows n = $1 .. $2, as the projection would have written them, made by Postgres itself
 * (generate_series; each value a hash of n, so a top-up adds the same rows a seeding from empty would). Row n
 * is in year floor((n - 1) / REFERRALS_PER_YEAR) before `$3` (now): the first year has the mix of a working
 * gateway (referrals still at it were submitted in the last 14 days, with deadlines), older years are settled.
 */
export const SEED_ROWS_SQL = `
  WITH g AS (SELECT n, (n - 1) / ${REFERRALS_PER_YEAR} AS year FROM generate_series($1::bigint, $2::bigint) AS n),
  picked AS (
    SELECT g.n, g.year,
           ${pick(
             FORCES.map((force) => force.code),
             1,
           )} AS owner_org,
           CASE WHEN g.year = 0 THEN ${pick(spread(RECENT_STATUS_WEIGHTS), 2)}
                ELSE ${pick(spread(SETTLED_STATUS_WEIGHTS), 2)} END AS status,
           ${pick(spread(URGENCY_WEIGHTS), 3)} AS urgency,
           ${pick(SUBJECT_TYPES, 4)} AS subject_type,
           'Operation ' || ${pick(CODENAMES, 5)} || ' ' || floor(${draw(6)} * 1000)::int AS subject_name,
           'officer-' || floor(${draw(7)} * 500)::int AS officer,
           ${draw(8)} AS age, ${draw(9)} AS scored, ${draw(10)} AS score, ${draw(11)} AS updated,
           ${draw(12)} AS threat, floor(${draw(13)} * 1e6)::int AS intelligence,
           CASE WHEN ${draw(14)} < ${NCA_TASKING_SHARE} THEN ${pick(NATIONAL_PRIORITIES, 15)} END AS national_priority,
           overlay(overlay(md5('seed-referral-' || g.n) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid AS id
      FROM g
  ),
  rows AS (
    SELECT p.*, org.region, p.officer || '@' || lower(p.owner_org) AS submitted_by_sub,
           p.status IN ${sqlIn(BEFORE_ASSESSMENT)} AS at_gateway,
           CASE WHEN p.status NOT IN ${sqlIn(NOT_SCORED)} AND p.scored < 0.95 THEN round((1 + p.score * 59)::numeric, 1) END AS risk_score,
           $3::timestamptz - make_interval(days => p.year::int * 365)
             - (CASE WHEN p.year = 0 AND p.status IN ${sqlIn(BEFORE_ASSESSMENT)} THEN 14 ELSE 365 END) * p.age * interval '1 day'
             AS submitted_at
      FROM picked p JOIN (SELECT unnest(${literal(FORCES.map((force) => force.code))}) AS code,
                                 unnest(${literal(FORCES.map((force) => force.region ?? ''))}) AS region) org
        ON org.code = p.owner_org
  )
  SELECT r.id, r.region, '${SEED_WORKFLOW_PREFIX}' || r.id AS workflow_id, r.owner_org, r.status, r.urgency,
         'OFFICIAL-SENSITIVE' AS classification, r.subject_type, r.subject_name,
         jsonb_build_object(
           'subject', jsonb_build_object('type', r.subject_type, 'name', r.subject_name,
             'nominals', jsonb_build_array(jsonb_build_object('identifier', 'PND-' || r.id, 'role', 'PRINCIPAL'))),
           'crimeTypes', jsonb_build_array('ILLEGAL_DRUGS'),
           'forcesAffected', jsonb_build_array(r.owner_org),
           'requestedCapabilities', jsonb_build_array('COVERT_SURVEILLANCE'),
           'urgency', r.urgency,
           'threatToLife', r.urgency = 'IMMEDIATE' AND r.threat < 0.3,
           'summary', 'Seeded referral about ' || r.subject_name || '.',
           'classification', 'OFFICIAL-SENSITIVE',
           'intelligence', jsonb_build_array(jsonb_build_object('reference', 'IR-' || r.intelligence,
             'grading', jsonb_build_object('source', '2', 'information', 'B', 'handling', 'C'))))
           AS submission,
         r.submitted_by_sub, 'Officer ' || r.submitted_by_sub AS submitted_by_name, r.submitted_at,
         least($3::timestamptz, r.submitted_at + r.updated * interval '30 days') AS updated_at,
         CASE WHEN r.at_gateway THEN 1 ELSE 3 END AS last_seq,
         CASE WHEN r.risk_score IS NULL THEN NULL WHEN r.risk_score >= 35 THEN 'P1' WHEN r.risk_score >= 20 THEN 'P2'
              WHEN r.risk_score >= 10 THEN 'P3' ELSE 'P4' END AS priority,
         r.risk_score,
         CASE WHEN r.national_priority IS NULL THEN 'REFERRAL' ELSE 'NCA_TASKING' END AS origin, r.national_priority,
         CASE WHEN r.at_gateway AND r.status <> 'INFO_REQUESTED' THEN r.submitted_at + interval '1 day' *
           CASE WHEN r.status = 'ASSESSMENT' THEN ${pickDue(1)} ELSE ${pickDue(0)} END END AS next_deadline_at
    FROM rows r`;

function pickDue(stage: 0 | 1): string {
  const urgencies = Object.keys(DUE_DAYS) as Urgency[];
  return `CASE r.urgency ${urgencies.map((urgency) => `WHEN '${urgency}' THEN ${DUE_DAYS[urgency][stage]}`).join(' ')} END`;
}

/** The columns SEED_ROWS_SQL yields, in order. */
export const SEED_COLUMNS = [
  'id',
  'region',
  'workflow_id',
  'owner_org',
  'status',
  'urgency',
  'classification',
  'subject_type',
  'subject_name',
  'submission',
  'submitted_by_sub',
  'submitted_by_name',
  'submitted_at',
  'updated_at',
  'last_seq',
  'priority',
  'risk_score',
  'origin',
  'national_priority',
  'next_deadline_at',
];
