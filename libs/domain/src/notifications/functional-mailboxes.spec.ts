import { seedMailboxes } from './functional-mailboxes';

describe('seedMailboxes', () => {
  const mailboxes = seedMailboxes();

  it('gives each role a functional mailbox only where the role belongs', () => {
    expect(mailboxes).toContainEqual({
      org: 'YHROCU',
      role: 'ROCU_MANAGER',
      personSub: '',
      address: 'rocu-manager.yhrocu@gateway.example',
    });
    expect(mailboxes.some((box) => box.org === 'WYP' && box.role === 'ROCU_MANAGER')).toBe(false);
  });

  it('gives seeded officers their own address, and no address twice', () => {
    expect(mailboxes).toContainEqual(
      expect.objectContaining({ personSub: 'sio-yhrocu-1', org: 'YHROCU', role: 'SIO' }),
    );
    expect(new Set(mailboxes.map((box) => box.address)).size).toBe(mailboxes.length);
  });
});
