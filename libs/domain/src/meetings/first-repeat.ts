/** FNV-1a over a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let position = 0; position < text.length; position += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(position), 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The index of the first key equal to an earlier one, or -1. An open-addressing table in typed arrays: at
 * 100,000 keys a Set<string> cost as much as sorting the items, mostly in allocation and garbage collection.
 */
export function firstRepeat(keys: readonly string[]): number {
  let capacity = 16;
  while (capacity < keys.length * 2) capacity *= 2;
  const mask = capacity - 1;
  const slots = new Int32Array(capacity).fill(-1);
  const hashes = new Uint32Array(capacity);
  for (let index = 0; index < keys.length; index += 1) {
    const hash = fnv1a(keys[index]);
    let slot = hash & mask;
    while (slots[slot] !== -1) {
      if (hashes[slot] === hash && keys[slots[slot]] === keys[index]) return index;
      slot = (slot + 1) & mask;
    }
    slots[slot] = index;
    hashes[slot] = hash;
  }
  return -1;
}
