import type { PageStore } from './page-store.js';
import { RecentKeys } from './recent-keys.js';
import type { StoredPage } from './stored-page.js';

/**
 * Pages usable for less than this many seconds (freshness plus stale-if-error) stay in memory
 * only. Writing one to disk (encoding it, an LMDB write) cost about a fifth of the proxy's CPU
 * per miss, and it is of use only when read back from disk after being evicted from memory or
 * after a restart, by when a 15 s page is stale anyway. docs/proxy.md has the measurement.
 */
const DEFAULT_MIN_FAR_SECONDS = 60;

/**
 * Uses of a page (the miss that stored it, then memory hits) before it is written to disk, as
 * nginx's `proxy_cache_min_uses`; a page stored again while its key is remembered (asked of the
 * origin again after memory evicted it) counts as used. At 2 that doorkeeper keeps the misses of
 * writing every page (14.3 % of requests against 14.0 % under a Zipf mix, steady state, default
 * sizes) for two thirds of the stores' CPU a miss (147 µs against 222): pages asked once, most
 * of a long tail, never reach the disk. Without the doorkeeper, misses rose to 20 %
 * (bench/page-store.ts, docs/proxy.md).
 */
const DEFAULT_MIN_USES = 2;

/** Keys of pages stored lately that `minUses` above 1 remembers (4 bytes each). */
const RECENT_KEYS = 2 ** 20;

/**
 * Memory in front of disk (the paper's shared-memory cache over a disk store): a page found
 * only on disk is copied into memory; deletes and purges go to both, and so do writes of pages
 * that live long enough and, with `minUses` above 1, were used often enough (nginx's
 * `proxy_cache_min_uses`).
 */
export class TieredPageStore implements PageStore {
  readonly #near: PageStore;
  readonly #far: PageStore;
  readonly #minFarSeconds: number;
  readonly #minUses: number;
  /**
   * Pages in memory worth keeping on disk and not there yet, with the reads they still need.
   * Weak, so a page evicted from memory before then leaves nothing behind.
   */
  readonly #readsLeft = new WeakMap<StoredPage, number>();
  /**
   * With `minUses` above 1, the keys of pages kept in memory only: a page set again while its
   * key is remembered (asked of the origin again, after memory evicted it or it expired) has
   * proved its use and goes to disk at once.
   */
  readonly #storedLately: RecentKeys | undefined;

  constructor(
    near: PageStore,
    far: PageStore,
    options: { minFarSeconds?: number; minUses?: number } = {},
  ) {
    const minFarSeconds = options.minFarSeconds ?? DEFAULT_MIN_FAR_SECONDS;
    if (!(minFarSeconds >= 0)) {
      throw new TypeError(
        `options.minFarSeconds must be a non-negative number (got ${minFarSeconds})`,
      );
    }
    const minUses = options.minUses ?? DEFAULT_MIN_USES;
    if (!Number.isInteger(minUses) || minUses < 1) {
      throw new TypeError(`options.minUses must be a positive integer (got ${minUses})`);
    }
    this.#near = near;
    this.#far = far;
    this.#minFarSeconds = minFarSeconds;
    this.#minUses = minUses;
    this.#storedLately = minUses > 1 ? new RecentKeys(RECENT_KEYS) : undefined;
  }

  get size(): number {
    return Math.max(this.#near.size, this.#far.size);
  }

  /** The larger tier's count: memory holds copies of what is on disk. */
  get bytes(): number {
    return Math.max(this.#near.bytes, this.#far.bytes);
  }

  get(key: string): StoredPage | undefined {
    const near = this.#near.get(key);
    if (near !== undefined) {
      const left = this.#readsLeft.get(near);
      if (left === undefined) return near;
      if (left > 1) {
        this.#readsLeft.set(near, left - 1);
      } else {
        this.#readsLeft.delete(near);
        this.#far.set(key, near);
      }
      return near;
    }
    const far = this.#far.get(key);
    if (far !== undefined) this.#near.set(key, far);
    return far;
  }

  set(key: string, page: StoredPage): void {
    this.#near.set(key, page);
    // Vary markers (no policy) always go: the variants on disk are found through them.
    if (page.policy === undefined) {
      this.#far.set(key, page);
    } else if (usableSeconds(page) < this.#minFarSeconds) {
      // An older copy on disk must not come back once memory evicts this one.
      this.#far.delete(key);
    } else if (
      this.#storedLately === undefined ||
      this.#far.delete(key) ||
      this.#storedLately.has(key)
    ) {
      // A page already on disk (revalidated, or asked again after it expired), or stored in
      // memory lately, proved its use.
      this.#far.set(key, page);
    } else {
      this.#storedLately.add(key);
      this.#readsLeft.set(page, this.#minUses - 1);
    }
  }

  delete(key: string): boolean {
    const near = this.#near.delete(key);
    return this.#far.delete(key) || near;
  }

  purgeTag(tag: string): number {
    return Math.max(this.#near.purgeTag(tag), this.#far.purgeTag(tag));
  }

  async flush(): Promise<void> {
    await Promise.all([this.#near.flush(), this.#far.flush()]);
  }

  async close(): Promise<void> {
    await Promise.all([this.#near.close(), this.#far.close()]);
  }
}

/** How long a page may answer without the origin: its freshness lifetime plus stale-if-error. */
function usableSeconds(page: StoredPage): number {
  return (page.policy?.maxAge() ?? 0) + page.staleIfError;
}
