import { ORGANISATIONS, ReferralStatus, Urgency } from '@rocu/domain';

/** One row of the referrals table as the projection would have written it. */
export interface SeedRow {
  id: string;
  region: string;
  workflowId: string;
  ownerOrg: string;
  status: ReferralStatus;
  urgency: Urgency;
  classification: string;
  subjectType: string;
  subjectName: string;
  submission: string;
  submittedBySub: string;
  submittedByName: string;
  submittedAt: string;
  updatedAt: string;
  lastSeq: number;
  priority: string | null;
  riskScore: number | null;
  nextDeadlineAt: string | null;
}

/** Seeded rows are recognisable (and never have a workflow): their workflow ids start with this. */
export const SEED_WORKFLOW_PREFIX = 'seed-';

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

/** Status mix of a gateway a year into service: most referrals are past the gateway. */
const STATUS_WEIGHTS: [ReferralStatus, number][] = [
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
const URGENCY_WEIGHTS: [Urgency, number][] = [
  ['IMMEDIATE', 10],
  ['PRIORITY', 30],
  ['ROUTINE', 60],
];
const SUBJECT_TYPES = ['OCG', 'PRIORITY_INDIVIDUAL', 'VULNERABILITY', 'OPERATION'] as const;
const BEFORE_ASSESSMENT: readonly ReferralStatus[] = ['SUBMITTED', 'TRIAGE', 'INFO_REQUESTED', 'ASSESSMENT'];
const NOT_SCORED: readonly ReferralStatus[] = [...BEFORE_ASSESSMENT, 'WITHDRAWN', 'REJECTED'];
/** Roughly the default gateway deadlines (triage, assessment) per urgency, in days. */
const DUE_DAYS: Record<Urgency, [number, number]> = {
  IMMEDIATE: [1 / 24, 4 / 24],
  PRIORITY: [1.4, 7],
  ROUTINE: [2.8, 14],
};
const DAY_MS = 86_400_000;

/** mulberry32: a small seeded PRNG so every seeding produces the same data set. */
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

function weighted<T>(random: () => number, weights: readonly [T, number][]): T {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let pick = random() * total;
  for (const [value, weight] of weights) {
    pick -= weight;
    if (pick < 0) return value;
  }
  return weights[weights.length - 1][0];
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const priorityOf = (score: number): string => (score >= 35 ? 'P1' : score >= 20 ? 'P2' : score >= 10 ? 'P3' : 'P4');

/** A realistic referral row: any force, submitted in the last year, deadlines only while at the gateway. */
export function seedRow(random: () => number, nowMs: number): SeedRow {
  const force = FORCES[Math.floor(random() * FORCES.length)];
  const status = weighted(random, STATUS_WEIGHTS);
  const urgency = weighted(random, URGENCY_WEIGHTS);
  const atGateway = BEFORE_ASSESSMENT.includes(status);
  // Referrals still at the gateway are recent; the rest are spread over the year.
  const submittedMs = nowMs - random() * (atGateway ? 14 : 365) * DAY_MS;
  const scored = !NOT_SCORED.includes(status) && random() < 0.95;
  const riskScore = scored ? Math.round((1 + random() * 59) * 10) / 10 : null;
  const [triageDays, assessmentDays] = DUE_DAYS[urgency];
  const dueDays = status === 'ASSESSMENT' ? assessmentDays : triageDays;
  const codename = CODENAMES[Math.floor(random() * CODENAMES.length)];
  const subjectType = SUBJECT_TYPES[Math.floor(random() * SUBJECT_TYPES.length)];
  const subjectName = `Operation ${codename} ${Math.floor(random() * 1000)}`;
  const id = uuidFrom(random);
  const submittedBySub = `officer-${Math.floor(random() * 500)}@${force.code.toLowerCase()}`;
  const submission = {
    subject: { type: subjectType, name: subjectName, nominals: [{ identifier: `PND-${id}`, role: 'PRINCIPAL' }] },
    crimeTypes: ['ILLEGAL_DRUGS'],
    forcesAffected: [force.code],
    requestedCapabilities: ['COVERT_SURVEILLANCE'],
    urgency,
    threatToLife: urgency === 'IMMEDIATE' && random() < 0.3,
    summary: `Seeded referral about ${subjectName}.`,
    classification: 'OFFICIAL-SENSITIVE',
    intelligence: [
      { reference: `IR-${Math.floor(random() * 1e6)}`, grading: { source: '2', information: 'B', handling: 'C' } },
    ],
  };
  return {
    id,
    region: force.region ?? '',
    workflowId: `${SEED_WORKFLOW_PREFIX}${id}`,
    ownerOrg: force.code,
    status,
    urgency,
    classification: 'OFFICIAL-SENSITIVE',
    subjectType,
    subjectName,
    submission: JSON.stringify(submission),
    submittedBySub,
    submittedByName: `Officer ${submittedBySub}`,
    submittedAt: new Date(submittedMs).toISOString(),
    updatedAt: new Date(Math.min(nowMs, submittedMs + random() * 30 * DAY_MS)).toISOString(),
    lastSeq: atGateway ? 1 : 3,
    priority: riskScore === null ? null : priorityOf(riskScore),
    riskScore,
    nextDeadlineAt:
      atGateway && status !== 'INFO_REQUESTED' ? new Date(submittedMs + dueDays * DAY_MS).toISOString() : null,
  };
}
