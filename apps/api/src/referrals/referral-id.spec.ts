import { referralIdFor } from './referral-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('referralIdFor', () => {
  it('derives the same UUID for the same submitter and key', () => {
    const id = referralIdFor({ org: 'WYP', sub: 'a' }, 'key-1');
    expect(id).toMatch(UUID);
    expect(referralIdFor({ org: 'WYP', sub: 'a' }, 'key-1')).toBe(id);
  });

  it('keeps keys of different submitters apart', () => {
    expect(referralIdFor({ org: 'WYP', sub: 'a' }, 'k')).not.toBe(referralIdFor({ org: 'SYP', sub: 'a' }, 'k'));
    expect(referralIdFor({ org: 'WYP', sub: 'a' }, 'k')).not.toBe(referralIdFor({ org: 'WYP', sub: 'b' }, 'k'));
  });

  it('makes a fresh id without a key', () => {
    expect(referralIdFor({ org: 'WYP', sub: 'a' }, undefined)).not.toBe(
      referralIdFor({ org: 'WYP', sub: 'a' }, undefined),
    );
  });
});
