import { justificationFromHeader, justificationHeaderValue } from './justification-header';

describe('the justification header', () => {
  it('sends printable ASCII as it is', () => {
    expect(justificationHeaderValue('Triage of a firearms referral')).toBe('Triage of a firearms referral');
    expect(justificationFromHeader('Triage of a firearms referral')).toBe('Triage of a firearms referral');
  });

  it.each([
    ['a curly apostrophe', 'I’m triaging this referral'],
    ['a dash and accents', 'Review – José and Łukasz named'],
    ['an apostrophe in a non-ASCII reason', 'It’s José’s (case)'],
    ['text that looks like an ext-value', "UTF-8''as typed by someone"],
  ])('sends %s as a header can carry it, and reads it back', (_, justification) => {
    const value = justificationHeaderValue(justification);
    expect(justificationFromHeader(value)).toBe(justification);
    expect(value.slice("UTF-8''".length)).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/); // RFC 8187 attr-char or %XX
  });

  it('reads an ext-value that does not decode as nothing', () => {
    expect(justificationFromHeader("UTF-8''I%E2%80m")).toBeNull();
  });

  it('reads the charset in any case and skips a language tag, and encodes what RFC 8187 does not allow bare', () => {
    expect(justificationFromHeader("utf-8'en'I%E2%80%99m%20triaging")).toBe('I’m triaging');
    expect(justificationHeaderValue("It's (urgent)*")).toBe("It's (urgent)*");
    expect(justificationHeaderValue('It’s (urgent)*')).toBe("UTF-8''It%E2%80%99s%20%28urgent%29%2A");
  });

  it('reads a justification as one line: padding and line breaks do not count towards its length', () => {
    expect(justificationFromHeader(`UTF-8''${'%0A'.repeat(3000)}need%20for%20triage%0D%0Anow%09`)).toBe(
      'need for triage now',
    );
    expect(justificationFromHeader('  triage   of this  ')).toBe('triage of this');
  });
});
