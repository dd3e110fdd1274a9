/**
 * A lossy memory of the keys seen lately (TinyLFU's "doorkeeper"): a fixed table holding each
 * key's 32-bit hash in the slot its low bits choose, so it takes the same memory however many
 * keys pass, and a new key simply takes an old one's slot. `has` can be wrong both ways: a key
 * forgotten because another took its slot, or another key with the same hash (with 2^20 slots,
 * one chance in 2^12 per lookup of an occupied slot). Good for an admission rule, where either
 * costs one write or one miss, never a wrong page.
 */
export class RecentKeys {
  readonly #slots: Uint32Array;
  readonly #mask: number;

  /** `slots` is rounded up to a power of two; each takes 4 bytes. */
  constructor(slots: number) {
    if (!Number.isInteger(slots) || slots < 1 || slots > 2 ** 30) {
      throw new TypeError(`slots must be an integer from 1 to 2^30 (got ${slots})`);
    }
    const size = 2 ** Math.ceil(Math.log2(slots));
    this.#slots = new Uint32Array(size);
    this.#mask = size - 1;
  }

  /** True when `key` was added lately (see above for how lately, and how surely). */
  has(key: string): boolean {
    const hash = fnv1a(key);
    return this.#slots[hash & this.#mask] === hash;
  }

  add(key: string): void {
    const hash = fnv1a(key);
    this.#slots[hash & this.#mask] = hash;
  }
}

/** FNV-1a over the UTF-16 code units; never 0, which marks an empty slot. */
function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0 || 1;
}
