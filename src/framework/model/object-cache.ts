import type { CacheEntry, CacheStore } from './stores/cache-store.js';

/** Where a lookup was answered. */
export type CacheTier = 'memory' | 'lmdb';

/**
 * The object cache's tiers, nearest first: this process's memory, then (optionally) LMDB shared
 * by the host. A fresh entry found in LMDB is copied into memory. The database, behind both, is
 * the caller's (`PartitionedModel`).
 */
export class ObjectCache {
  readonly memory: CacheStore;
  readonly host: CacheStore | undefined;

  constructor(memory: CacheStore, host?: CacheStore) {
    this.memory = memory;
    this.host = host;
  }

  /** A fresh entry and the tier it came from; `onMiss` is told of each tier that missed. */
  get(
    key: string,
    now: number,
    onMiss?: (tier: CacheTier) => void,
  ): { entry: CacheEntry; tier: CacheTier } | undefined {
    const near = this.memory.get(key);
    if (near && near.expiresAt > now) return { entry: near, tier: 'memory' };
    onMiss?.('memory');
    if (!this.host) return undefined;
    const far = this.host.get(key);
    if (far && far.expiresAt > now) {
      this.memory.set(key, far);
      return { entry: far, tier: 'lmdb' };
    }
    onMiss?.('lmdb');
    return undefined;
  }

  set(key: string, entry: CacheEntry): void {
    this.memory.set(key, entry);
    this.host?.set(key, entry);
  }

  delete(key: string): void {
    this.memory.delete(key);
    this.host?.delete(key);
  }

  deletePrefix(prefix: string): void {
    this.memory.deletePrefix(prefix);
    this.host?.deletePrefix(prefix);
  }

  /** Empties this process's memory tier, and the host's shared tier when `host` is true. */
  clear(host: boolean): void {
    this.memory.clear();
    if (host) this.host?.clear();
  }

  async close(): Promise<void> {
    await this.memory.close();
    await this.host?.close();
  }
}
