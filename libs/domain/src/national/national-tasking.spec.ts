import { transition } from '../referral/referral-lifecycle';
import type { Actor } from '../roles';
import { calendarEntryOf, nationalDeclineRefusal, nationalOutcomeOf, nationalReport } from './national-tasking';

const nca: Actor = { sub: 'nca-1', name: 'NCA liaison', roles: ['NCA_LIAISON'], org: 'NCA', region: null };

describe('nationalDeclineRefusal', () => {
  it('asks for a justification when a national tasking request is declined without one', () => {
    for (const missing of [undefined, '', '   ']) {
      expect(nationalDeclineRefusal({ origin: 'NCA_TASKING' }, 'DECLINE_RETURN_TO_FORCE', missing)).toMatchObject({
        field: 'declineJustification',
        code: 'required',
      });
    }
  });

  it('lets a justified decline, any other decision, and any other item through', () => {
    expect(nationalDeclineRefusal({ origin: 'NCA_TASKING' }, 'DECLINE_RETURN_TO_FORCE', 'No capacity')).toBeNull();
    expect(nationalDeclineRefusal({ origin: 'NCA_TASKING' }, 'ADOPT_ROCU_LEAD', undefined)).toBeNull();
    expect(nationalDeclineRefusal({ origin: 'REFERRAL' }, 'DECLINE_RETURN_TO_FORCE', undefined)).toBeNull();
    expect(nationalDeclineRefusal({}, 'DECLINE_RETURN_TO_FORCE', undefined)).toBeNull();
  });
});

describe('the NATIONAL_TASKING transition', () => {
  const record = { status: 'SUBMITTED' as const, ownerOrg: 'NCA', region: 'YHROCU', origin: 'NCA_TASKING' as const };

  it('takes the NCA tasking request it made straight to awaiting decision', () => {
    expect(transition(record, { type: 'NATIONAL_TASKING' }, nca)).toMatchObject({ ok: true, to: 'AWAITING_DECISION' });
  });

  it('is refused for an ordinary referral, once past submission, and to anyone else', () => {
    expect(transition({ ...record, origin: 'REFERRAL' }, { type: 'NATIONAL_TASKING' }, nca).ok).toBe(false);
    expect(transition({ ...record, status: 'AWAITING_DECISION' }, { type: 'NATIONAL_TASKING' }, nca).ok).toBe(false);
    const hmrc: Actor = { ...nca, org: 'HMRC', roles: ['FORCE_REFERRER'] };
    expect(transition({ ...record, ownerOrg: 'HMRC' }, { type: 'NATIONAL_TASKING' }, hmrc).ok).toBe(false);
  });
});

describe('nationalReport', () => {
  it('counts awaiting, adopted and declined per region and priority, with zeros for the rest of the grid', () => {
    const rows = nationalReport(
      ['YHROCU', 'ERSOU'],
      ['FIREARMS', 'COUNTY_LINES'],
      [
        { region: 'YHROCU', nationalPriority: 'FIREARMS', status: 'AWAITING_DECISION', count: 2 },
        { region: 'YHROCU', nationalPriority: 'FIREARMS', status: 'DEFERRED', count: 1 },
        { region: 'YHROCU', nationalPriority: 'FIREARMS', status: 'ACTIVE', count: 1 },
        { region: 'YHROCU', nationalPriority: 'FIREARMS', status: 'DECLINED', count: 3 },
        { region: 'YHROCU', nationalPriority: 'FIREARMS', status: 'WITHDRAWN', count: 5 },
        { region: 'ERSOU', nationalPriority: 'COUNTY_LINES', status: 'CLOSED', count: 1 },
        // A retired priority (no longer listed) is left out rather than invented.
        { region: 'ERSOU', nationalPriority: 'RETIRED', status: 'DECLINED', count: 1 },
      ],
    );
    expect(rows.map((row) => `${row.region}/${row.nationalPriority}`)).toEqual([
      'ERSOU/COUNTY_LINES',
      'ERSOU/FIREARMS',
      'YHROCU/COUNTY_LINES',
      'YHROCU/FIREARMS',
    ]);
    expect(rows[0]).toMatchObject({ awaitingDecision: 0, adopted: 1, declined: 0 });
    expect(rows[1]).toMatchObject({ awaitingDecision: 0, adopted: 0, declined: 0 });
    expect(rows[3]).toMatchObject({ awaitingDecision: 3, adopted: 1, declined: 3 });
  });

  it('counts nothing for statuses before a meeting or that left the region', () => {
    for (const status of ['SUBMITTED', 'TRIAGE', 'ASSESSMENT', 'REJECTED', 'REFERRED_NATIONAL'] as const) {
      expect(nationalOutcomeOf(status)).toBeNull();
    }
  });
});

describe('calendarEntryOf', () => {
  const meeting = {
    id: 'm-1',
    region: 'YHROCU',
    scheduledFor: '2026-12-02T10:00:00.000Z',
    papersCloseAt: '2026-11-25T10:00:00.000Z',
    status: 'SCHEDULED',
  };

  it('shows a TTCG whole', () => {
    expect(calendarEntryOf({ ...meeting, type: 'TTCG' })).toEqual({ ...meeting, type: 'TTCG' });
  });

  it('shows only the region and date of a covert commissioning meeting', () => {
    expect(calendarEntryOf({ ...meeting, type: 'COVERT_COMMISSIONING' })).toEqual({
      region: 'YHROCU',
      type: 'COVERT_COMMISSIONING',
      scheduledFor: meeting.scheduledFor,
    });
  });
});
