import { DomainError } from '../errors/domain-error';
import { hasInvisibleControl, isBlankText, requireVisibleText, wordCount } from './visible-text';

describe('visible text', () => {
  it('finds bidirectional overrides, isolates, zero-width and other invisible characters', () => {
    for (const hidden of [
      '\u202Egnp.exe',
      'a\u200Bb',
      '\u2066x\u2069',
      '\uFEFFBOM',
      'soft\u00ADhyphen',
      'bell\u0007',
      'line\u2028sep',
      'c1\u0085',
    ]) {
      expect({ hidden, found: hasInvisibleControl(hidden) }).toEqual({ hidden, found: true });
    }
  });

  it('lets ordinary text through: accents, other scripts, tabs and line breaks', () => {
    for (const text of [
      'Café in Brontë country',
      'Ōsaka 大阪',
      'Line one\nLine two\r\n\tindented',
      "O'Neill & Sons — £5",
    ]) {
      expect({ text, found: hasInvisibleControl(text) }).toEqual({ text, found: false });
    }
  });

  it('counts text with nothing visible as blank', () => {
    expect(isBlankText('')).toBe(true);
    expect(isBlankText(' \t\n\u00A0\u3000')).toBe(true);
    expect(isBlankText(' x ')).toBe(false);
  });

  it('counts words as runs of letters or digits', () => {
    expect(wordCount('..........')).toBe(0);
    expect(wordCount('Linked to op Kestrel, IR-123')).toBe(6);
  });
});

describe('requireVisibleText', () => {
  it('names every field without visible text or with invisible characters, and ignores absent ones', () => {
    expect(() => requireVisibleText({ description: 'Arrest the principals', outcome: undefined })).not.toThrow();
    try {
      requireVisibleText({ description: '  ', ownerName: '\u202Egnp.exe', summary: 'fine' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as DomainError).details?.errors).toEqual([
        expect.objectContaining({ field: 'description' }),
        expect.objectContaining({ field: 'ownerName' }),
      ]);
    }
  });

  it('names a field that is not text at all (a null past the edge) instead of failing on it', () => {
    const refusal = (fields: Record<string, unknown>) => {
      try {
        requireVisibleText(fields);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const refused = refusal({ outcome: null, description: 'Arrest the principals' });
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).details?.errors).toEqual([expect.objectContaining({ field: 'outcome' })]);
    expect(refusal({ reason: 42 })).toBeInstanceOf(DomainError);
  });
});
