import { OldestKeys } from '../../../shared/index.js';
import type { CacheEntry, CacheStore } from './cache-store.js';

/** An entry and when it last moved to the recent end of the Map. */
interface Slot {
  readonly entry: CacheEntry;
  movedAt: number;
}

/**
 * The in-process tier: a Map kept in least-recently-used order, bounded by entry count. A hit
 * moves its entry to the recent end only when it is outside the most recent quarter: moving
 * (a Map delete and insert) on every hit showed as 7 % of a product page's CPU, and an entry in
 * that quarter is a whole three quarters of the store away from eviction anyway.
 */
export class MemoryStore implements CacheStore {
  readonly #maxEntries: number;
  readonly #recent: number;
  readonly #entries = new Map<string, Slot>();
  /** Counts moves to the recent end; a slot's `movedAt` is its place in that order. */
  #clock = 0;
  readonly #oldest = new OldestKeys(this.#entries);

  constructor(options: { maxEntries: number }) {
    this.#maxEntries = options.maxEntries;
    this.#recent = Math.floor(options.maxEntries / 4);
  }

  get(key: string): CacheEntry | undefined {
    const slot = this.#entries.get(key);
    if (slot && slot.movedAt < this.#clock - this.#recent) {
      this.#entries.delete(key);
      this.#entries.set(key, slot);
      slot.movedAt = ++this.#clock;
    }
    return slot?.entry;
  }

  set(key: string, entry: CacheEntry): void {
    // A store of no entries (the memory tier turned off) would insert only to evict at once.
    if (this.#maxEntries <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, { entry, movedAt: ++this.#clock });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#oldest.next();
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  deleteMany(keys: readonly string[]): void {
    for (const key of keys) this.#entries.delete(key);
  }

  deletePrefix(prefix: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(prefix)) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  size(): number {
    return this.#entries.size;
  }

  async close(): Promise<void> {
    this.clear();
  }
}
