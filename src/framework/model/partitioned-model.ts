import { ModelInputError, UnknownPartError } from '../errors.js';
import type { Freshness } from './freshness.js';
import type { ObjectCache } from './object-cache.js';
import type { CacheEntry } from './stores/cache-store.js';
import { modelParts, type ModelPart } from './model-part.js';
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
  /**
   * How long a page showing a part may be cached, for parts whose every change that a page shows
   * purges that page by its surrogate key (through the change feed): such a page need not expire
   * with the part's own, shorter time-to-live. Parts left out bound a page by what is left of theirs.
   */
  readonly pageTtlSeconds?: { readonly [K in keyof P]?: number };
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
  readonly #parts: ReadonlyMap<string, ModelPart>;
  readonly #keyPrefix: string;

  readonly #refreshAhead: RefreshAhead<Extract<keyof P, string>> | undefined;
  readonly #sync: ChangeSync | undefined;

  constructor(options: PartitionedModelOptions<P>) {
    this.#options = options;
    this.#keyPrefix = `${options.name}:`;
    this.#parts = modelParts(
      options.name,
      options.ttlSeconds as Readonly<Record<string, number>>,
      options.refreshAfter,
      options.pageTtlSeconds as Readonly<Record<string, number | undefined>> | undefined,
    );
    if (options.refreshAfter !== undefined) {
      this.#refreshAhead = new RefreshAhead((part, ids) => this.#refresh(part, ids));
    }
    if (options.sync) {
      this.#sync = new ChangeSync({
        ...options.sync,
        onChanged: (ids) => this.invalidateMany(ids),
        onTooMany: () => options.cache.deletePrefix(this.#keyPrefix),
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
  load<K extends keyof P>(
    id: number,
    parts: readonly K[],
    freshness?: Freshness,
  ): Promise<Pick<P, K> | undefined> {
    try {
      const loaded = this.#load([id], parts, freshness);
      return loaded instanceof Promise
        ? loaded.then((objects) => objects.get(id))
        : Promise.resolve(loaded.get(id));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /** The parts of many objects, by id; ids that do not exist are absent from the map. */
  loadMany<K extends keyof P>(
    ids: readonly number[],
    parts: readonly K[],
    freshness?: Freshness,
  ): Promise<Map<number, Pick<P, K>>> {
    try {
      const loaded = this.#load(ids, parts, freshness);
      return loaded instanceof Promise ? loaded : Promise.resolve(loaded);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  /**
   * `loadMany`, answered synchronously when every part is cached: cache reads are synchronous
   * (memory, and LMDB's memory map), so only a database fetch needs a promise, and a hit costs
   * the caller a single await.
   */
  #load<K extends keyof P>(
    ids: readonly number[],
    partNames: readonly K[],
    freshness: Freshness | undefined,
  ): Map<number, Pick<P, K>> | Promise<Map<number, Pick<P, K>>> {
    const parts = this.#resolve(partNames);
    this.#check(ids);
    const { cache } = this.#options;
    const hasHost = cache.host !== undefined;
    const now = Date.now();
    const fresh = parts.map(
      (part) => (entry: CacheEntry) => this.#freshUntil(entry, part.ttlMs) > now,
    );
    const found = new Map<number, Record<string, unknown>>();
    let missing: Map<number, ModelPart[]> | undefined;
    for (const id of ids) {
      const object: Record<string, unknown> = {};
      // The id turned into a string once per object, not once per part: with thousands of ids
      // it misses V8's number-string cache, and it showed in the profile.
      const idKey = this.#keyPrefix + String(id);
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i]!;
        const hit = cache.get(idKey + part.keySuffix, fresh[i]!);
        if (hit) {
          if (hit.tier === 'memory') {
            part.memoryHits.pending++;
          } else {
            part.memoryMisses.pending++;
            part.lmdbHits.pending++;
          }
          object[part.name] = hit.entry.value;
          const remaining = (this.#freshUntil(hit.entry, part.ttlMs) - now) / 1000;
          this.#use(freshness, id, part.pageTtlSeconds ?? remaining, hit.entry.version);
          if (remaining < part.refreshBelowSeconds) {
            this.#refreshAhead?.add(part.name as Extract<keyof P, string>, id);
          }
        } else {
          part.memoryMisses.pending++;
          if (hasHost) part.lmdbMisses.pending++;
          missing ??= new Map();
          const missed = missing.get(id);
          if (missed) missed.push(part);
          else missing.set(id, [part]);
        }
      }
      found.set(id, object);
    }
    if (missing) return this.#fetchMissing(found, missing, now, freshness);
    return found as unknown as Map<number, Pick<P, K>>;
  }

  /** Reads every missed part of every object in one round trip, and caches what it read. */
  async #fetchMissing<K extends keyof P>(
    found: Map<number, Record<string, unknown>>,
    missing: Map<number, ModelPart[]>,
    now: number,
    freshness: Freshness | undefined,
  ): Promise<Map<number, Pick<P, K>>> {
    const { cache } = this.#options;
    const wanted = new Set<ModelPart>();
    for (const parts of missing.values()) for (const part of parts) wanted.add(part);
    const fetched = await this.#options.fetch(
      [...missing.keys()],
      [...wanted].map((part) => part.name as keyof P),
    );
    for (const [id, partsMissed] of missing) {
      const row = fetched.get(id) as Record<string, Versioned<unknown> | undefined> | undefined;
      if (!row) {
        found.delete(id);
        continue;
      }
      const object = found.get(id)!;
      for (const part of partsMissed) {
        const loaded = row[part.name];
        if (!loaded) continue;
        part.databaseLoads.pending++;
        cache.set(this.#key(id, part), {
          value: loaded.value,
          version: loaded.version,
          expiresAt: now + part.ttlMs,
        });
        object[part.name] = loaded.value;
        this.#use(freshness, id, part.pageTtlSeconds ?? part.ttlSeconds, loaded.version);
      }
    }
    return found as unknown as Map<number, Pick<P, K>>;
  }

  async #refresh(name: Extract<keyof P, string>, ids: number[]): Promise<void> {
    const part = this.#parts.get(name);
    if (!part) return;
    const fetched = await this.#options.fetch(ids, [name]);
    const now = Date.now();
    for (const [id, row] of fetched) {
      const loaded = row[name];
      if (!loaded) continue;
      part.refreshes.pending++;
      this.#options.cache.set(this.#key(id, part), {
        value: loaded.value,
        version: loaded.version,
        expiresAt: now + part.ttlMs,
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
    const keys: string[] = [];
    for (const id of ids) for (const part of this.#parts.values()) keys.push(this.#key(id, part));
    this.#options.cache.deleteMany(keys);
  }

  /** Drops every cached part of `id` from every tier of this process and the host. */
  invalidate(id: number): void {
    for (const part of this.#parts.values()) this.#options.cache.delete(this.#key(id, part));
  }

  #key(id: number, part: ModelPart): string {
    return this.#keyPrefix + String(id) + part.keySuffix;
  }

  #use(
    freshness: Freshness | undefined,
    id: number,
    remainingSeconds: number,
    version: number,
  ): void {
    freshness?.use(remainingSeconds, version, this.#options.surrogateKey(id));
  }

  /** The parts named, or an UnknownPartError. */
  #resolve(names: readonly (keyof P)[]): ModelPart[] {
    const parts: ModelPart[] = [];
    for (const name of names) {
      const part = this.#parts.get(String(name));
      if (!part) throw new UnknownPartError(this.#options.name, String(name));
      parts.push(part);
    }
    return parts;
  }

  #check(ids: readonly number[]): void {
    for (const id of ids) {
      if (!Number.isSafeInteger(id) || id <= 0)
        throw new ModelInputError(
          `${this.#options.name} ids are positive integers (got ${String(id)})`,
        );
    }
  }
}
