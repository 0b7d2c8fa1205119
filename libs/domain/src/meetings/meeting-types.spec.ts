import { REFERRAL_STATUSES, ROUTES } from '../referral/referral-status';
import {
  MEETING_DECISIONS,
  isAdoption,
  isMeetingDecision,
  isMeetingStatus,
  isMeetingType,
  referralStatusAfter,
  routeMeetingType,
} from './meeting-types';

describe('meeting decisions', () => {
  it('treats exactly the three resource-committing decisions as adoptions', () => {
    expect(MEETING_DECISIONS.filter(isAdoption)).toEqual([
      'ADOPT_ROCU_LEAD',
      'ADOPT_SUPPORT_ONLY',
      'TASK_INTEL_DEVELOPMENT',
    ]);
  });

  it('maps every decision to a referral status', () => {
    expect(MEETING_DECISIONS.map(referralStatusAfter)).toEqual([
      'ADOPTED',
      'ADOPTED',
      'ADOPTED',
      'DEFERRED',
      'DECLINED',
      'REFERRED_NATIONAL',
      'REFERRED_PARTNER',
    ]);
    for (const decision of MEETING_DECISIONS) expect(REFERRAL_STATUSES).toContain(referralStatusAfter(decision));
  });

  it('adoptions, and only adoptions, lead to ADOPTED', () => {
    for (const decision of MEETING_DECISIONS) {
      expect(referralStatusAfter(decision) === 'ADOPTED').toBe(isAdoption(decision));
    }
  });
});

describe('routeMeetingType', () => {
  it('sends TTCG and covert commissioning routes to their meetings and nothing else', () => {
    expect(ROUTES.map(routeMeetingType)).toEqual(['TTCG', 'COVERT_COMMISSIONING', null, null, null]);
  });
});

describe('guards', () => {
  it('recognise members only', () => {
    expect(isMeetingType('TTCG')).toBe(true);
    expect(isMeetingType('ttcg')).toBe(false);
    expect(isMeetingStatus('AGENDA_FROZEN')).toBe(true);
    expect(isMeetingStatus(3)).toBe(false);
    expect(isMeetingDecision('DEFER')).toBe(true);
    expect(isMeetingDecision('ADOPT')).toBe(false);
  });
});
