import { randomUUID } from 'node:crypto';
import { text } from './form-values';

/**
 * A form's Idempotency-Key, made when the form is first shown and sent back in its hidden `key` field (kept
 * through a refusal), so the same form sent again ("Try again" after a lost answer) is one action to the API,
 * answered as recorded, not a second one refused as if the first had failed.
 */
export const formKey = (values?: Record<string, unknown>): string => text(values?.key) || randomUUID();

/** The header carrying a posted form's key (none when the form came without one). */
export const keyHeader = (key: unknown): Record<string, string> => (text(key) ? { 'Idempotency-Key': text(key) } : {});
