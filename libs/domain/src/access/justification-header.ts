/**
 * An HTTP header carries printable ASCII safely, and nothing with a line break: a reason typed with a curly
 * apostrophe, a dash or an accented name goes as RFC 8187's ext-value, `UTF-8''` and the UTF-8 percent-encoded.
 */
const EXT_VALUE_PREFIX = "UTF-8''";
const PLAIN_HEADER_TEXT = /^[\x20-\x7e]*$/;

/** The header value that carries this justification: as it is where it is printable ASCII, else as an ext-value. */
export function justificationHeaderValue(justification: string): string {
  return PLAIN_HEADER_TEXT.test(justification) && !justification.startsWith(EXT_VALUE_PREFIX)
    ? justification
    : `${EXT_VALUE_PREFIX}${encodeURIComponent(justification)}`;
}

/** The justification a header value carries (an ext-value decoded), or null for an ext-value that does not decode. */
export function justificationFromHeader(value: string): string | null {
  if (!value.startsWith(EXT_VALUE_PREFIX)) return value;
  try {
    return decodeURIComponent(value.slice(EXT_VALUE_PREFIX.length));
  } catch {
    return null;
  }
}
