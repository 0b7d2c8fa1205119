import { DomainError } from '../errors/domain-error';
import type { Actor, Role } from '../roles';
import {
  MUTUAL_AID_STATES,
  mutualAidActionDone,
  mutualAidActions,
  MutualAidRecord,
  mutualAidSide,
  mutualAidTransition,
} from './mutual-aid';

const actor = (region: string | null, roles: Role[] = ['ROCU_MANAGER']): Actor => ({
  sub: 'someone',
  name: 'Someone',
  roles,
  org: region ?? 'NCA',
  region,
});
const request = (state: MutualAidRecord['state'] = 'REQUESTED'): MutualAidRecord => ({
  state,
  borrowingRegion: 'YHROCU',
  lendingRegion: 'EMSOU',
});
const codeOf = (act: () => unknown): string => {
  try {
    act();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'NONE';
};

describe('mutual aid', () => {
  it("puts the two regions' ROCU managers on their sides and nobody else", () => {
    expect(mutualAidSide(actor('YHROCU'), request())).toBe('BORROWER');
    expect(mutualAidSide(actor('EMSOU'), request())).toBe('LENDER');
    expect(mutualAidSide(actor('ERSOU'), request())).toBeNull();
    expect(mutualAidSide(actor('EMSOU', ['TTCG_CHAIR', 'SIO']), request())).toBeNull();
    expect(mutualAidSide(actor(null), request())).toBeNull();
  });

  it('lets the lender approve or refuse and the borrower withdraw a REQUESTED request', () => {
    expect(mutualAidTransition(actor('EMSOU'), request(), 'APPROVE')).toBe('APPROVED');
    expect(mutualAidTransition(actor('EMSOU'), request(), 'REFUSE')).toBe('REFUSED');
    expect(mutualAidTransition(actor('YHROCU'), request(), 'WITHDRAW')).toBe('WITHDRAWN');
    expect(mutualAidActions(actor('EMSOU'), request())).toEqual(['APPROVE', 'REFUSE']);
    expect(mutualAidActions(actor('YHROCU'), request())).toEqual(['WITHDRAW']);
  });

  it('refuses the wrong side (403) and hides the request from anyone else (404)', () => {
    expect(codeOf(() => mutualAidTransition(actor('YHROCU'), request(), 'APPROVE'))).toBe('ROLE_NOT_ALLOWED');
    expect(codeOf(() => mutualAidTransition(actor('EMSOU'), request(), 'WITHDRAW'))).toBe('ROLE_NOT_ALLOWED');
    expect(codeOf(() => mutualAidTransition(actor('ERSOU'), request(), 'REFUSE'))).toBe('NOT_FOUND');
  });

  it.each(MUTUAL_AID_STATES.filter((state) => state !== 'REQUESTED'))('a %s request moves no more', (state) => {
    expect(codeOf(() => mutualAidTransition(actor('EMSOU'), request(state), 'APPROVE'))).toBe('NOT_ALLOWED_IN_STATE');
    expect(codeOf(() => mutualAidTransition(actor('YHROCU'), request(state), 'WITHDRAW'))).toBe('NOT_ALLOWED_IN_STATE');
    expect(mutualAidActions(actor('EMSOU'), request(state))).toEqual([]);
  });

  it("knows a request left where the person's own action puts it (a keyed repeat is answered, not refused)", () => {
    const decided = (state: MutualAidRecord['state'], decidedBySub: string | null) => ({
      ...request(state),
      decidedBySub,
    });
    expect(mutualAidActionDone(actor('EMSOU'), decided('REFUSED', 'someone'), 'REFUSE')).toBe(true);
    expect(mutualAidActionDone(actor('EMSOU'), decided('APPROVED', 'someone'), 'APPROVE')).toBe(true);
    expect(mutualAidActionDone(actor('YHROCU'), decided('WITHDRAWN', 'someone'), 'WITHDRAW')).toBe(true);
    // Another state, or someone else's decision, is not this person's action done.
    expect(mutualAidActionDone(actor('EMSOU'), decided('APPROVED', 'someone'), 'REFUSE')).toBe(false);
    expect(mutualAidActionDone(actor('EMSOU'), decided('REFUSED', 'another'), 'REFUSE')).toBe(false);
    expect(mutualAidActionDone(actor('EMSOU'), decided('REQUESTED', null), 'APPROVE')).toBe(false);
    // Nor a decision by someone of the same sub on the other side.
    expect(mutualAidActionDone(actor('YHROCU'), decided('REFUSED', 'someone'), 'REFUSE')).toBe(false);
  });
});
