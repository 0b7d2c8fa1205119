import { sensitiveAccess } from './need-to-know';

describe('sensitiveAccess', () => {
  it('does not gate OFFICIAL records', () => {
    expect(sensitiveAccess('OFFICIAL', undefined)).toEqual({ kind: 'NOT_SENSITIVE' });
  });

  it('withholds OFFICIAL-SENSITIVE detail without a justification and says how to ask', () => {
    const access = sensitiveAccess('OFFICIAL-SENSITIVE', undefined);
    expect(access).toMatchObject({ kind: 'WITHHELD', fields: ['summary', 'intelligence'] });
    expect(access.kind === 'WITHHELD' && access.howToAccess).toContain('X-Access-Justification');
  });

  it('treats a blank or token justification as none', () => {
    expect(sensitiveAccess('OFFICIAL-SENSITIVE', '   ').kind).toBe('WITHHELD');
    expect(sensitiveAccess('OFFICIAL-SENSITIVE', 'because').kind).toBe('WITHHELD');
    expect(sensitiveAccess('OFFICIAL-SENSITIVE', 'x'.repeat(501)).kind).toBe('WITHHELD');
  });

  it('treats dots, invisible characters or a single long word as none (issue 13)', () => {
    expect(sensitiveAccess('OFFICIAL-SENSITIVE', '..........').kind).toBe('WITHHELD');
    expect(sensitiveAccess('OFFICIAL-SENSITIVE', '\u200B'.repeat(10)).kind).toBe('WITHHELD');
    expect(sensitiveAccess('OFFICIAL-SENSITIVE', 'justification').kind).toBe('WITHHELD');
    expect(sensitiveAccess('OFFICIAL-SENSITIVE', 'Triage of this\u202E referral today').kind).toBe('WITHHELD');
  });

  it('grants with a stated reason, kept as sent for the audit', () => {
    expect(sensitiveAccess('OFFICIAL-SENSITIVE', '  Triage of this referral today ')).toEqual({
      kind: 'JUSTIFIED',
      justification: '  Triage of this referral today ',
    });
  });
});
