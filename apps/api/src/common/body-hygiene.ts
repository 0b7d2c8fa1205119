import { hasInvisibleControl } from '@rocu/domain';
import type { FieldError } from './problem';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** A NUL, or half of a surrogate pair: Postgres refuses both, so they must never get past the edge. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point: Postgres text and jsonb cannot hold it
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const MAX_DEPTH = 32;

const pathOf = (parent: string, key: string | number): string =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/**
 * Checks a parsed body or query without recursion (so no input can exhaust the stack): prototype keys,
 * text Postgres cannot store, invisible or bidirectional control characters in any text (issue #13), and
 * absurd nesting are refused before class-transformer ever sees them.
 */
export function hygieneErrors(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  while (stack.length > 0 && errors.length < 20) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) {
        errors.push({
          field: path || '(body)',
          code: 'invalid_characters',
          message: 'contains a NUL or an unpaired surrogate',
        });
      } else if (hasInvisibleControl(value)) {
        errors.push({
          field: path || '(body)',
          code: 'invisible_characters',
          message: 'contains an invisible or bidirectional control character',
        });
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      errors.push({ field: path || '(body)', code: 'too_deep', message: `nested more than ${MAX_DEPTH} levels` });
      continue;
    }
    const entries: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
    for (const [key, child] of entries) {
      const field = pathOf(path, key);
      if (typeof key === 'string' && (FORBIDDEN_KEYS.has(key) || UNSTORABLE.test(key))) {
        errors.push({ field, code: 'unknown_field', message: `property ${key} is not allowed` });
        continue;
      }
      stack.push({ value: child, path: field, depth: depth + 1 });
    }
  }
  return errors;
}
