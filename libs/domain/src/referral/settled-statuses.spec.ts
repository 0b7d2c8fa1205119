import { MEETING_DECISIONS, RATIFICATION_OUTCOMES } from '../meetings/meeting-types';
import {
  AWAITING_MEETING_STATUSES,
  REFERRAL_STATUSES,
  ROUTES,
  ReferralStatus,
  SETTLED_ONCE_RATIFIED_STATUSES,
  SETTLED_STATUSES,
  TRIAGE_DECISIONS,
} from './referral-status';
import {
  REFERRAL_ACTIONS,
  REFERRAL_TRANSITIONS,
  ReferralAction,
  ReferralEvent,
  ReferralRecord,
} from './referral-transitions';

/** Every event of each action, with every value its fields can take (an action with no fields: its type alone). */
const EVENT_VALUES: Partial<Record<ReferralAction, ReferralEvent[]>> = {
  TRIAGE: TRIAGE_DECISIONS.map((decision) => ({ type: 'TRIAGE', decision })),
  ASSESS: ROUTES.map((route) => ({ type: 'ASSESS', route })),
  DECIDE: MEETING_DECISIONS.map((decision) => ({ type: 'DECIDE', decision })),
  RATIFICATION: RATIFICATION_OUTCOMES.flatMap((outcome) =>
    MEETING_DECISIONS.map((decision) => ({ type: 'RATIFICATION', outcome, decision })),
  ),
};
const EVENTS = REFERRAL_ACTIONS.flatMap((type) => EVENT_VALUES[type] ?? [{ type } as ReferralEvent]);

/** Where the transition table can take a referral from these statuses, every flag its rules read either way. */
function reachable(from: readonly ReferralStatus[], urgentDecisionPending: boolean): Set<ReferralStatus> {
  const seen = new Set<ReferralStatus>(from);
  const queue = [...from];
  for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
    const records: ReferralRecord[] = [true, false].flatMap((flag) =>
      REFERRAL_STATUSES.map((returnTo) => ({
        status,
        ownerOrg: 'WYP',
        region: 'YHROCU',
        lroNamed: flag,
        reassessmentDue: flag,
        nationalResponsePending: flag,
        nationalReturnTo: returnTo,
        urgentDecisionPending,
      })),
    );
    for (const event of EVENTS) {
      const rules = REFERRAL_TRANSITIONS[event.type] as readonly {
        from: readonly ReferralStatus[];
        when?: (record: ReferralRecord) => boolean;
        to: (event: ReferralEvent, record: ReferralRecord) => ReferralStatus;
      }[];
      for (const rule of rules)
        for (const record of records.filter((each) => rule.from.includes(each.status) && (rule.when?.(each) ?? true))) {
          const to = rule.to(event, record);
          if (!seen.has(to)) queue.push(to);
          seen.add(to);
        }
    }
  }
  return seen;
}

describe('statuses in which a referral has left meetings for good', () => {
  it('lead nowhere a meeting decides: not awaiting a meeting, nor back through assessment', () => {
    const after = reachable([...SETTLED_STATUSES, ...SETTLED_ONCE_RATIFIED_STATUSES], false);
    expect([...after].filter((status) => [...AWAITING_MEETING_STATUSES, 'ASSESSMENT'].includes(status))).toEqual([]);
  });

  it('leave out what can come back: an urgent decision awaiting ratification, and a referral sent national', () => {
    expect(reachable(SETTLED_ONCE_RATIFIED_STATUSES, true)).toContain('DEFERRED');
    expect(reachable(['REFERRED_NATIONAL'], false)).toContain('AWAITING_DECISION');
  });
});
