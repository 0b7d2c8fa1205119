/**
 * An HTTP header carries printable ASCII safely, and nothing with a line break: a reason typed with a curly
 * apostrophe, a dash or an accented name goes as RFC 8187's ext-value, `UTF-8''` (the charset in any case, an
 * optional language tag between the quotes) and the UTF-8 percent-encoded.
 */
const EXT_VALUE = /^utf-8'[a-z0-9-]*'/i;
const PLAIN_HEADER_TEXT = /^[\x20-\x7e]*$/;

/** RFC 8187's attr-char: what an ext-value may carry unencoded (encodeURIComponent also leaves `'()*`). */
const percentEncoded = (text: string): string =>
  encodeURIComponent(text).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/** A justification as one statement: its lines joined, its runs of white space one space, trimmed. */
export const oneLineJustification = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The header value that carries this justification: as it is where it is printable ASCII, else as an ext-value. */
export function justificationHeaderValue(justification: string): string {
  return PLAIN_HEADER_TEXT.test(justification) && !EXT_VALUE.test(justification)
    ? justification
    : `UTF-8''${percentEncoded(justification)}`;
}

/**
 * The justification a header value carries, as one line (an ext-value decoded), or null for an ext-value that
 * does not decode.
 */
export function justificationFromHeader(value: string): string | null {
  const prefix = EXT_VALUE.exec(value)?.[0];
  if (prefix === undefined) return oneLineJustification(value);
  try {
    return oneLineJustification(decodeURIComponent(value.slice(prefix.length)));
  } catch {
    return null;
  }
}
