/** Readers for urlencoded form bodies (qs-parsed: a field may be absent, a string, a list or an object). */
export const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A checkbox group: nothing ticked sends nothing, one ticked sends a string, more send a list. */
export function texts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** Repeated rows (`rows[0][field]`): a list, or an object keyed by index once there are more than 20. */
export function rows(value: unknown): Record<string, unknown>[] {
  const list: unknown[] = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
          .filter(([key]) => /^\d+$/.test(key))
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([, item]): unknown => item)
      : [];
  return list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
}

export const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
