import type { CacheEntry, CacheStore } from './stores/cache-store.js';

/** Where a lookup was answered. */
export type CacheTier = 'memory' | 'lmdb';

/**
 * The object cache's tiers, nearest first: this process's memory, then (optionally) LMDB shared
 * by the host. A fresh entry found in LMDB is copied into memory. The database, behind both, is
 * the caller's (`PartitionedModel`). A store that throws is treated as a miss and its writes are
 * dropped: a broken cache slows the site down, it never fails a request or a database write.
 */
export class ObjectCache {
  readonly memory: CacheStore;
  readonly host: CacheStore | undefined;
  /** Store operations that threw, for /__metrics and tests. */
  failures = 0;

  constructor(memory: CacheStore, host?: CacheStore) {
    this.memory = memory;
    this.host = host;
  }

  /**
   * A fresh entry and the tier it came from; `onMiss` is told of each tier that missed. Fresh
   * means unexpired at `now`, or whatever `fresh` says (a model whose entries are verified by
   * other means than expiry).
   */
  get(
    key: string,
    now: number | ((entry: CacheEntry) => boolean),
    onMiss?: (tier: CacheTier) => void,
  ): { entry: CacheEntry; tier: CacheTier } | undefined {
    // try/catch inline rather than #try closures: this runs for every part of every product shown.
    let near: CacheEntry | undefined;
    try {
      near = this.memory.get(key);
    } catch {
      this.failures++;
    }
    if (near && isFresh(near, now)) return { entry: near, tier: 'memory' };
    onMiss?.('memory');
    if (!this.host) return undefined;
    let far: CacheEntry | undefined;
    try {
      far = this.host.get(key);
    } catch {
      this.failures++;
    }
    if (far && isFresh(far, now)) {
      try {
        this.memory.set(key, far);
      } catch {
        this.failures++;
      }
      return { entry: far, tier: 'lmdb' };
    }
    onMiss?.('lmdb');
    return undefined;
  }

  set(key: string, entry: CacheEntry): void {
    this.#each((store) => store.set(key, entry));
  }

  delete(key: string): void {
    this.#each((store) => store.delete(key));
  }

  deleteMany(keys: readonly string[]): void {
    this.#each((store) => store.deleteMany(keys));
  }

  deletePrefix(prefix: string): void {
    this.#each((store) => store.deletePrefix(prefix));
  }

  /** Empties this process's memory tier, and the host's shared tier when `host` is true. */
  clear(host: boolean): void {
    this.#try(() => this.memory.clear());
    if (host && this.host) this.#try(() => this.host?.clear());
  }

  async close(): Promise<void> {
    await this.memory.close();
    await this.host?.close();
  }

  #each(operation: (store: CacheStore) => void): void {
    this.#try(() => operation(this.memory));
    if (this.host) this.#try(() => operation(this.host!));
  }

  #try<T>(operation: () => T): T | undefined {
    try {
      return operation();
    } catch {
      this.failures++;
      return undefined;
    }
  }
}

function isFresh(entry: CacheEntry, now: number | ((entry: CacheEntry) => boolean)): boolean {
  return typeof now === 'number' ? entry.expiresAt > now : now(entry);
}
