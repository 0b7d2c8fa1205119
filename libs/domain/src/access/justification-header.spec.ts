import { justificationFromHeader, justificationHeaderValue } from './justification-header';

describe('the justification header', () => {
  it('sends printable ASCII as it is', () => {
    expect(justificationHeaderValue('Triage of a firearms referral')).toBe('Triage of a firearms referral');
    expect(justificationFromHeader('Triage of a firearms referral')).toBe('Triage of a firearms referral');
  });

  it.each([
    ['a curly apostrophe', 'I’m triaging this referral'],
    ['a dash and accents', 'Review – José and Łukasz named'],
    ['a line break', 'Two lines\nof reason'],
    ['text that looks like an ext-value', "UTF-8''as typed by someone"],
  ])('sends %s as a header can carry it, and reads it back', (_, justification) => {
    const value = justificationHeaderValue(justification);
    expect(value).toMatch(/^UTF-8''[\x21-\x7e]+$/);
    expect(justificationFromHeader(value)).toBe(justification);
  });

  it('reads an ext-value that does not decode as nothing', () => {
    expect(justificationFromHeader("UTF-8''I%E2%80m")).toBeNull();
  });
});
