import { REFERRAL_STATUSES } from '../referral/referral-status';
import { notificationText, ukDateTime } from './notification-text';
import { recipientsOnEntering } from './referral-recipients';

describe('notificationText', () => {
  it('says what is due and when, in UK time', () => {
    const text = notificationText({
      kind: 'DEADLINE_REMINDER',
      reference: 'YHROCU-2026-000042',
      payload: { stage: 'TRIAGE', dueAt: '2026-12-01T14:30:00.000Z' },
    });
    expect(text.subject).toBe('Referral YHROCU-2026-000042: triage due soon');
    expect(text.paragraphs).toEqual([
      'The triage of referral yhrocu-2026-000042 is due by 2:30pm on Tuesday 1 December 2026.',
    ]);
  });

  it('never repeats free text or identifiers from the payload', () => {
    const secret = 'PNC-SECRET-123 summary of the threat';
    const kinds = ['DEADLINE_ESCALATION', 'DECONFLICTION', 'MEETING_ITEM_EXCLUDED', 'REFERRAL_REJECTED', 'UNKNOWN'];
    for (const kind of kinds) {
      const text = notificationText({
        kind,
        reference: 'WYP-1',
        payload: { matched: secret, reason: secret, stage: secret, to: secret, dueAt: secret },
      });
      expect(JSON.stringify(text)).not.toContain('SECRET');
    }
  });

  it('names a status change the referrer is told about', () => {
    const text = notificationText({
      kind: 'REFERRAL_INFO_REQUESTED',
      reference: 'R-1',
      payload: { to: 'INFO_REQUESTED' },
    });
    expect(text.subject).toBe('Referral R-1 needs more information from you');
  });

  it.each(
    REFERRAL_STATUSES.filter((status) => recipientsOnEntering(status, { ownerOrg: 'NCA', region: 'YHROCU' }).length),
  )('says what entering %s means, for everyone told of it', (status) => {
    const text = notificationText({ kind: `REFERRAL_${status}`, reference: 'R-1', payload: { to: status } });
    expect(text.subject).toMatch(/^Referral R-1 (is|has|needs) /);
  });

  it("gives an immediate referral's triage deadline as set for its region, and none where it has no triage", () => {
    const immediate = (payload: Record<string, unknown>) =>
      notificationText({ kind: 'IMMEDIATE_REFERRAL', reference: 'R-1', payload }).paragraphs;
    expect(immediate({ urgency: 'IMMEDIATE', dueAt: '2026-12-01T16:00:00.000Z' })).toEqual([
      'Referral R-1 is immediate. Its triage is due by 4pm on Tuesday 1 December 2026.',
    ]);
    expect(immediate({ urgency: 'IMMEDIATE' })).toEqual(['Referral R-1 is immediate.']);
  });

  it('tells the referrer where a decision sent their referral', () => {
    const text = (to: string) => notificationText({ kind: `REFERRAL_${to}`, reference: 'R-1', payload: { to } });
    expect(text('DEFERRED').subject).toBe('Referral R-1 has been deferred to a later meeting');
    expect(text('REFERRED_NATIONAL').subject).toBe('Referral R-1 has been referred to the National Crime Agency');
    expect(text('REFERRED_PARTNER').paragraphs).toEqual(['Referral R-1 has been referred to a partner agency.']);
  });
});

describe('ukDateTime', () => {
  it('writes British Summer Time and whole hours as GOV.UK does', () => {
    expect(ukDateTime('2026-07-01T09:00:00Z')).toBe('10am on Wednesday 1 July 2026');
    expect(ukDateTime('not a date')).toBeNull();
  });

  it('names only the regions and what was asked for in a mutual-aid notice', () => {
    const text = notificationText({
      kind: 'MUTUAL_AID_REQUESTED',
      reference: null,
      payload: { borrowingRegion: 'YHROCU', lendingRegion: 'EMSOU', aidKind: 'SIO', reason: 'Operation Larch' },
    });
    expect(text.subject).toBe('Mutual aid: YHROCU asks for an SIO');
    expect(JSON.stringify(text)).not.toContain('Larch');
    const refused = notificationText({
      kind: 'MUTUAL_AID_REFUSED',
      reference: null,
      payload: { borrowingRegion: 'YHROCU', lendingRegion: '<b>x</b>', aidKind: 'CAPABILITY' },
    });
    expect(refused.subject).toBe('Mutual aid: another region refused your request');
  });
});
