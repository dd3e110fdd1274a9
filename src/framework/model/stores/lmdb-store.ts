import fs from 'node:fs';
import path from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import type { Logger } from '../../../shared/index.js';
import { isCacheEntry, type CacheEntry, type CacheStore } from './cache-store.js';
import { OPEN_OPTIONS } from './lmdb-options.js';
import { probeStore } from './lmdb-prober.js';
import { OPEN_LOCK, StoreUsers } from './store-users.js';

export interface LmdbStoreOptions {
  /** A folder of its own, e.g. DATA_DIR/object-cache. */
  readonly path: string;
  /** Entries kept before expired ones are swept, and then everything if still over. */
  readonly maxEntries: number;
  readonly log: Logger;
  /**
   * How long probing the store may take before it is declared broken and replaced; 800 ms by
   * default, so that a broken store is replaced within the second the issue allows.
   */
  readonly openTimeoutMs?: number;
}

const SWEEP_EVERY_MS = 10_000;
const PROBE_TIMEOUT_MS = 800;
/** How long to wait for another process opening the same store (its probe takes under a second). */
const OPEN_LOCK_WAIT_MS = 5000;

/**
 * The host tier: LMDB on local disk, shared by every process of the host through one memory map.
 * LMDB's copy-on-write pages make a kill -9 harmless (no recovery step), unlike the paper's
 * Berkeley DB; still, a store that no live process is using is probed before use (in a child
 * process, so a hang or a crash cannot take this process with it), and one not found sound within
 * a second is deleted and made anew: it holds only a cache. A store that a live process opened and
 * found sound is never probed or replaced: on a loaded host a probe can time out on a healthy
 * store, and replacing it would split the host's cache in two (see docs/object-cache.md). A value
 * that does not decode to an entry is a miss.
 */
export class LmdbStore implements CacheStore {
  readonly #db: RootDatabase<unknown, string>;
  readonly #log: Logger;
  readonly #maxEntries: number;
  readonly #sweeper: NodeJS.Timeout;
  readonly #users: StoreUsers;

  constructor(options: LmdbStoreOptions) {
    this.#log = options.log;
    this.#maxEntries = options.maxEntries;
    fs.mkdirSync(options.path, { recursive: true });
    this.#users = new StoreUsers(options.path);
    // Of two processes starting together, the second waits for the first's verdict and then
    // finds it a live user, instead of probing (and perhaps replacing) the store under it.
    const unlock = this.#users.lock(OPEN_LOCK_WAIT_MS);
    try {
      if (!this.#users.hasLiveUser()) {
        const verdict = probeStore(options.path, options.openTimeoutMs ?? PROBE_TIMEOUT_MS);
        // Checked again: a process that skipped the lock (it waited too long) may have come.
        if (verdict !== 'sound' && !this.#users.hasLiveUser()) {
          options.log.warn(
            { path: options.path, verdict },
            'object cache did not open cleanly: replacing it with an empty one',
          );
          emptyFolder(options.path);
        }
      }
      this.#db = open<unknown, string>({ path: options.path, ...OPEN_OPTIONS });
      this.#users.register();
    } finally {
      unlock();
    }
    this.#sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.#sweeper.unref();
  }

  get(key: string): CacheEntry | undefined {
    let value: unknown;
    try {
      value = this.#db.get(key);
    } catch (error) {
      this.#log.warn({ err: error, key }, 'undecodable object-cache value treated as a miss');
      this.delete(key);
      return undefined;
    }
    return isCacheEntry(value) ? value : undefined;
  }

  set(key: string, entry: CacheEntry): void {
    this.#db.put(key, entry).catch((error: unknown) => {
      // A full or failing cache must never fail the request: the database already has the data.
      this.#log.warn({ err: error, key }, 'object-cache write failed; clearing the store');
      void this.#db.clearAsync();
    });
  }

  // Deletes commit before returning: a read that follows an invalidation must not find the old value.
  delete(key: string): void {
    this.#db.removeSync(key);
  }

  deleteMany(keys: readonly string[]): void {
    this.#db.transactionSync(() => keys.forEach((key) => this.#db.removeSync(key)));
  }

  deletePrefix(prefix: string): void {
    const keys = [...this.#db.getKeys({ start: prefix, end: `${prefix}\uffff` })];
    this.#db.transactionSync(() => keys.forEach((key) => this.#db.removeSync(key)));
  }

  clear(): void {
    this.#db.clearSync();
  }

  size(): number {
    return this.#db.getCount();
  }

  /** Every key with its entry (undefined when it does not decode to one), for inspection. */
  *entries(): Generator<{ key: string; entry: CacheEntry | undefined }> {
    for (const key of this.#db.getKeys())
      if (typeof key === 'string') yield { key, entry: this.get(key) };
  }

  /** Written entries are visible to other processes once this resolves. */
  flushed(): Promise<boolean> {
    return this.#db.committed;
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    try {
      await this.#db.committed;
      await this.#db.close();
    } finally {
      this.#users.unregister();
    }
  }

  /** Drops expired entries when over the bound, then everything if still over (also run every 10 s). */
  async sweep(): Promise<void> {
    try {
      if (this.#db.getCount() <= this.#maxEntries) return;
      const now = Date.now();
      for (const { key, value } of this.#db.getRange()) {
        // Non-string keys are LMDB's own (the shared msgpack structures).
        if (typeof key !== 'string') continue;
        if (!isCacheEntry(value) || value.expiresAt < now) void this.#db.remove(key);
      }
      await this.#db.committed;
      if (this.#db.getCount() > this.#maxEntries) await this.#db.clearAsync();
    } catch (error) {
      this.#log.warn({ err: error }, 'object-cache sweep failed');
    }
  }
}

/** Deletes the store in `folder`, keeping the open lock its caller holds. */
function emptyFolder(folder: string): void {
  for (const name of fs.readdirSync(folder)) {
    if (name !== OPEN_LOCK) fs.rmSync(path.join(folder, name), { recursive: true, force: true });
  }
}
