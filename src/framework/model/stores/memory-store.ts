import type { CacheEntry, CacheStore } from './cache-store.js';

/** The in-process tier: a Map kept in least-recently-used order, bounded by entry count. */
export class MemoryStore implements CacheStore {
  readonly #maxEntries: number;
  readonly #entries = new Map<string, CacheEntry>();

  constructor(options: { maxEntries: number }) {
    this.#maxEntries = options.maxEntries;
  }

  get(key: string): CacheEntry | undefined {
    const entry = this.#entries.get(key);
    if (entry) {
      // Re-insert so Map order stays least-recently-used first.
      this.#entries.delete(key);
      this.#entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CacheEntry): void {
    // A store of no entries (the memory tier turned off) would insert only to evict at once.
    if (this.#maxEntries <= 0) return;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
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
    this.#entries.clear();
  }
}
