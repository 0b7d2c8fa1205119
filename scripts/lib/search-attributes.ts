import { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { REFERRAL_SEARCH_ATTRIBUTES } from '@rocu/contracts';

function indexedValueType(type: (typeof REFERRAL_SEARCH_ATTRIBUTES)[number]['type']) {
  const encoded = encodeSearchAttributeIndexedValueType(type);
  if (encoded === undefined) throw new Error(`no indexed value type for ${type}`);
  return encoded;
}

/**
 * Registers the referral workflows' search attributes on a Temporal server `npm start` did not start
 * (TEMPORAL_ADDRESS), where they may be missing: workflows would fail their tasks without them. Adds only
 * the missing ones (the operator API refuses nothing already there).
 */
export async function ensureSearchAttributes(address: string, namespace: string): Promise<string[]> {
  const connection = await Connection.connect({ address, connectTimeout: 10_000 });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = REFERRAL_SEARCH_ATTRIBUTES.filter((key) => !(key.name in (customAttributes ?? {})));
    if (missing.length > 0) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map((key) => [key.name, indexedValueType(key.type)])),
      });
    }
    return missing.map((key) => key.name);
  } finally {
    await connection.close();
  }
}
