import { idForKey } from './keyed-id';

const KEY_1_REFERRAL_ID = '298a07a6-2741-8aef-8e36-455425572d3e';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('idForKey', () => {
  it('derives the same UUID for the same person and key', () => {
    const id = idForKey({ org: 'WYP', sub: 'a' }, 'key-1');
    expect(id).toMatch(UUID);
    expect(idForKey({ org: 'WYP', sub: 'a' }, 'key-1')).toBe(id);
  });

  it("keeps a referral's id as it was derived before scopes", () => {
    // sha256("WYP\0a\0key-1") shaped as a version 8 UUID: ids already stored must still be found.
    expect(idForKey({ org: 'WYP', sub: 'a' }, 'key-1')).toBe(KEY_1_REFERRAL_ID);
  });

  it('keeps keys of different people, and of different scopes, apart', () => {
    expect(idForKey({ org: 'WYP', sub: 'a' }, 'k')).not.toBe(idForKey({ org: 'SYP', sub: 'a' }, 'k'));
    expect(idForKey({ org: 'WYP', sub: 'a' }, 'k')).not.toBe(idForKey({ org: 'WYP', sub: 'b' }, 'k'));
    expect(idForKey({ org: 'WYP', sub: 'a' }, 'k', 'mutual-aid')).not.toBe(idForKey({ org: 'WYP', sub: 'a' }, 'k'));
    expect(idForKey({ org: 'WYP', sub: 'a' }, 'k', 'mutual-aid')).toMatch(UUID);
  });

  it('makes a fresh id without a key', () => {
    expect(idForKey({ org: 'WYP', sub: 'a' }, undefined)).not.toBe(idForKey({ org: 'WYP', sub: 'a' }, undefined));
  });
});
