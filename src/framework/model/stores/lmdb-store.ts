import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { open, type RootDatabase } from 'lmdb';
import type { Logger } from '../../../shared/index.js';
import { isCacheEntry, type CacheEntry, type CacheStore } from './cache-store.js';

export interface LmdbStoreOptions {
  /** A folder of its own, e.g. DATA_DIR/object-cache. */
  readonly path: string;
  /** Entries kept before expired ones are swept, and then everything if still over. */
  readonly maxEntries: number;
  readonly log: Logger;
  /** How long opening may take before the store is declared broken and replaced. */
  readonly openTimeoutMs?: number;
}

const SWEEP_EVERY_MS = 10_000;

/**
 * msgpack with shared record structures (stored in the database itself) decodes our many
 * same-shaped entries about twice as fast as plain msgpack. noSync: a cache needs no durability;
 * LMDB stays consistent across process crashes without it.
 */
const OPEN_OPTIONS = {
  encoding: 'msgpack',
  sharedStructuresKey: Symbol.for('yuletide:structures'),
  noSync: true,
  cache: false,
} as const;

/**
 * The host tier: LMDB on local disk, shared by every process of the host through one memory map.
 * LMDB's copy-on-write pages make a kill -9 harmless (no recovery step), unlike the paper's
 * Berkeley DB; still, a store that does not open cleanly within a second (probed in a child
 * process, so a hang or a crash cannot take this process with it) is deleted and made anew: it
 * holds only a cache. A value that does not decode to an entry is a miss.
 */
export class LmdbStore implements CacheStore {
  readonly #db: RootDatabase<unknown, string>;
  readonly #log: Logger;
  readonly #maxEntries: number;
  readonly #sweeper: NodeJS.Timeout;

  constructor(options: LmdbStoreOptions) {
    this.#log = options.log;
    this.#maxEntries = options.maxEntries;
    fs.mkdirSync(options.path, { recursive: true });
    if (!opensCleanly(options.path, options.openTimeoutMs ?? 1000)) {
      options.log.warn(
        { path: options.path },
        'object cache did not open cleanly: replacing it with an empty one',
      );
      fs.rmSync(options.path, { recursive: true, force: true });
      fs.mkdirSync(options.path, { recursive: true });
    }
    this.#db = open<unknown, string>({ path: options.path, ...OPEN_OPTIONS });
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
    await this.#db.committed;
    await this.#db.close();
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

/** Opens and reads the store in a child process; false when that fails or takes longer than `timeoutMs`. */
function opensCleanly(path: string, timeoutMs: number): boolean {
  if (!fs.existsSync(`${path}/data.mdb`)) return true;
  const lmdb = import.meta.resolve('lmdb');
  const probe = `import { open } from ${JSON.stringify(lmdb)};
const db = open({ path: ${JSON.stringify(path)}, encoding: 'msgpack', cache: false, sharedStructuresKey: Symbol.for('yuletide:structures') });
let n = 0; for (const { value } of db.getRange({ limit: 64 })) n += value === undefined ? 0 : 1;
db.getCount(); await db.close();`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
    timeout: timeoutMs,
    stdio: 'ignore',
  });
  return result.status === 0;
}
