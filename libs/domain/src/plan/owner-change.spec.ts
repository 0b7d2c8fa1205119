import { ownerChangeRefusal } from './owner-change';

const next = { sub: 'sio-yhrocu-2', name: 'DCI Bhatti' };

describe('ownerChangeRefusal', () => {
  it('lets a different officer take over with a reason', () => {
    expect(
      ownerChangeRefusal({ role: 'SIO', current: { sub: 'sio-yhrocu-1' }, next, reason: 'Long-term sick' }),
    ).toBeNull();
    expect(
      ownerChangeRefusal({
        role: 'LRO',
        current: { sub: 'lro-wyp' },
        next: { sub: 'lro-syp', name: 'DI Clarke' },
        reason: 'OCG now based in South Yorkshire',
      }),
    ).toBeNull();
  });

  it('refuses when nobody owns it yet', () => {
    expect(ownerChangeRefusal({ role: 'LRO', current: undefined, next, reason: 'x' })).toBe(
      'The tasking has no LRO yet: name one first.',
    );
  });

  it('refuses the current owner as their own replacement', () => {
    expect(ownerChangeRefusal({ role: 'SIO', current: { sub: next.sub }, next, reason: 'x' })).toBe(
      'DCI Bhatti is already the SIO of this tasking.',
    );
  });

  it.each([undefined, null, '', '   \n\t'])('refuses a missing or blank reason (%j)', (reason) => {
    expect(ownerChangeRefusal({ role: 'SIO', current: { sub: 'sio-yhrocu-1' }, next, reason })).toContain(
      'Give a reason for replacing the SIO',
    );
  });
});
