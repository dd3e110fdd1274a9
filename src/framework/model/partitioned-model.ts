import { countLookup } from './cache-metrics.js';
import { ModelInputError, UnknownPartError } from '../errors.js';
import type { Freshness } from './freshness.js';
import type { ObjectCache } from './object-cache.js';
import { RefreshAhead } from './refresh-ahead.js';
import { ChangeSync, type ChangeSyncOptions } from './change-sync.js';

/** A part's value as read from the database, with the version (update time, ms) it was read at. */
export interface Versioned<T> {
  readonly value: T;
  readonly version: number;
}

export interface PartitionedModelOptions<P extends object> {
  /** Names the model in cache keys and metrics, e.g. `product`. */
  readonly name: string;
  /** Each part's time-to-live in seconds. */
  readonly ttlSeconds: { readonly [K in keyof P]: number };
  readonly cache: ObjectCache;
  /** Reads these parts of these ids in one database round trip; ids that do not exist are left out. */
  fetch(
    ids: readonly number[],
    parts: readonly (keyof P)[],
  ): Promise<Map<number, { [K in keyof P]?: Versioned<P[K]> }>>;
  /** The surrogate key a page showing this object carries, e.g. `p42`. */
  surrogateKey(id: number): string;
  /**
   * Refresh a part in the background once it is read after this share of its time-to-live
   * (e.g. 0.75); undefined: never, parts just expire.
   */
  readonly refreshAfter?: number;
  /** Verify cached objects by asking the database what changed, instead of only letting them expire. */
  readonly sync?: Pick<ChangeSyncOptions, 'changedSince' | 'everyMs' | 'marginMs'>;
}

/**
 * A data object split into parts that are cached and expire separately (the paper's partitioned
 * product: text for an hour, price for minutes, inventory for seconds). `loadMany` serves every
 * part it can from the cache tiers and fetches all the misses in one round trip.
 */
export class PartitionedModel<P extends object> {
  readonly #options: PartitionedModelOptions<P>;
  readonly #partNames: ReadonlySet<string>;

  readonly #refreshAhead: RefreshAhead<Extract<keyof P, string>> | undefined;
  readonly #sync: ChangeSync | undefined;

  constructor(options: PartitionedModelOptions<P>) {
    this.#options = options;
    this.#partNames = new Set(Object.keys(options.ttlSeconds));
    if (options.refreshAfter !== undefined) {
      this.#refreshAhead = new RefreshAhead((part, ids) => this.#refresh(part, ids));
    }
    if (options.sync) {
      this.#sync = new ChangeSync({
        ...options.sync,
        onChanged: (ids) => this.invalidateMany(ids),
        onTooMany: () => options.cache.deletePrefix(`${options.name}:`),
      });
    }
  }

  /** Looks for changed objects now (it also happens every second when `sync` is configured). */
  sync(): Promise<void> {
    return this.#sync?.sync() ?? Promise.resolve();
  }

  /** Stops background refreshing. */
  close(): void {
    this.#refreshAhead?.stop();
    this.#sync?.stop();
  }

  get name(): string {
    return this.#options.name;
  }

  /** The parts of one object, or undefined when it does not exist. */
  async load<K extends keyof P>(
    id: number,
    parts: readonly K[],
    freshness?: Freshness,
  ): Promise<Pick<P, K> | undefined> {
    return (await this.loadMany([id], parts, freshness)).get(id);
  }

  /** The parts of many objects, by id; ids that do not exist are absent from the map. */
  async loadMany<K extends keyof P>(
    ids: readonly number[],
    parts: readonly K[],
    freshness?: Freshness,
  ): Promise<Map<number, Pick<P, K>>> {
    this.#check(ids, parts);
    const { name, cache, ttlSeconds } = this.#options;
    const now = Date.now();
    const found = new Map<number, Partial<P>>();
    const missing = new Map<number, K[]>();
    for (const id of ids) {
      const object: Partial<P> = {};
      for (const part of parts) {
        const ttlMs = ttlSeconds[part] * 1000;
        const hit = cache.get(
          this.#key(id, part),
          (entry) => this.#freshUntil(entry, ttlMs) > now,
          (tier) => countLookup(name, String(part), tier, 'miss'),
        );
        if (hit) {
          countLookup(name, String(part), hit.tier, 'hit');
          object[part] = hit.entry.value as P[K];
          const remaining = (this.#freshUntil(hit.entry, ttlMs) - now) / 1000;
          this.#use(freshness, id, remaining, hit.entry.version);
          const refreshAfter = this.#options.refreshAfter;
          if (refreshAfter !== undefined && remaining < ttlSeconds[part] * (1 - refreshAfter)) {
            this.#refreshAhead?.add(part as unknown as Extract<keyof P, string>, id);
          }
        } else {
          missing.set(id, [...(missing.get(id) ?? []), part]);
        }
      }
      found.set(id, object);
    }
    if (missing.size > 0) {
      const wanted = [...new Set([...missing.values()].flat())];
      const fetched = await this.#options.fetch([...missing.keys()], wanted);
      for (const [id, partsMissed] of missing) {
        const row = fetched.get(id);
        if (!row) {
          found.delete(id);
          continue;
        }
        const object = found.get(id)!;
        for (const part of partsMissed) {
          const loaded = row[part];
          if (!loaded) continue;
          countLookup(name, String(part), 'database', 'hit');
          const ttl = ttlSeconds[part];
          cache.set(this.#key(id, part), {
            value: loaded.value,
            version: loaded.version,
            expiresAt: now + ttl * 1000,
          });
          object[part] = loaded.value;
          this.#use(freshness, id, ttl, loaded.version);
        }
      }
    }
    return found as Map<number, Pick<P, K>>;
  }

  async #refresh(part: Extract<keyof P, string>, ids: number[]): Promise<void> {
    const { name, cache, ttlSeconds } = this.#options;
    const fetched = await this.#options.fetch(ids, [part]);
    const now = Date.now();
    for (const [id, row] of fetched) {
      const loaded = row[part];
      if (!loaded) continue;
      countLookup(name, part, 'refresh', 'hit');
      cache.set(this.#key(id, part), {
        value: loaded.value,
        version: loaded.version,
        expiresAt: now + ttlSeconds[part] * 1000,
      });
    }
  }

  /** When an entry stops being fresh: its own expiry, or a time-to-live after the last verification that covers it. */
  #freshUntil(entry: { expiresAt: number }, ttlMs: number): number {
    const verified = this.#sync?.verifiedAt(entry.expiresAt - ttlMs) ?? 0;
    return Math.max(entry.expiresAt, verified === 0 ? 0 : verified + ttlMs);
  }

  /** Drops every cached part of these ids, in one transaction per tier. */
  invalidateMany(ids: readonly number[]): void {
    const keys = ids.flatMap((id) =>
      [...this.#partNames].map((part) => `${this.#options.name}:${id}:${part}`),
    );
    this.#options.cache.deleteMany(keys);
  }

  /** Drops every cached part of `id` from every tier of this process and the host. */
  invalidate(id: number): void {
    for (const part of this.#partNames)
      this.#options.cache.delete(`${this.#options.name}:${id}:${part}`);
  }

  #key(id: number, part: keyof P): string {
    return `${this.#options.name}:${id}:${String(part)}`;
  }

  #use(
    freshness: Freshness | undefined,
    id: number,
    remainingSeconds: number,
    version: number,
  ): void {
    freshness?.use(remainingSeconds, version, this.#options.surrogateKey(id));
  }

  #check(ids: readonly number[], parts: readonly (keyof P)[]): void {
    for (const part of parts) {
      if (!this.#partNames.has(String(part)))
        throw new UnknownPartError(this.#options.name, String(part));
    }
    for (const id of ids) {
      if (!Number.isSafeInteger(id) || id <= 0)
        throw new ModelInputError(
          `${this.#options.name} ids are positive integers (got ${String(id)})`,
        );
    }
  }
}
