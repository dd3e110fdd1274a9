import { appendChange, type Database } from '../../db/index.js';
import {
  ModelInputError,
  PartitionedModel,
  type Freshness,
  type ObjectCache,
} from '../../framework/index.js';
import { productRecord, type ProductParts, type ProductRecord } from './product-record.js';
import { ProductStore, type ProductChanges } from './product-store.js';
import { SqliteReadThread } from './sqlite-read-thread.js';
import { Taxonomy } from './taxonomy.js';
import type { ListingQuery } from './listing-query.js';

/** Parts read in the last quarter of their life are reloaded in the background (refresh-ahead). */
const REFRESH_AFTER = 0.75;
/** Best-sellers the featured items are picked from. */
const FEATURED_POOL = 40;
const ALL_PARTS = ['core', 'price', 'inventory'] as const;
/** Priority of the thread reading listing pages: about a tenth of a normal thread's share when busy. */
const LISTING_NICE = 10;

/** Time-to-live in seconds of each part of the catalog's data. */
export interface CatalogTtl {
  /** Titles, descriptions, the category tree. */
  readonly core: number;
  /** Prices, and the listings sorted or filtered by them. */
  readonly price: number;
  readonly inventory: number;
}

/**
 * The catalog model: products, listings and the taxonomy, for controllers, the CLI and jobs alike.
 * Products are partitioned models served through the object cache; listings cache their ids.
 * Every read records the data it returns in the caller's `Freshness`, so a page can be cached
 * exactly as long as the shortest-lived data on it.
 */
export class Catalog {
  readonly ttl: CatalogTtl;
  readonly product: PartitionedModel<ProductParts>;
  readonly #store: ProductStore;
  readonly #database: Database;
  readonly #cache: ObjectCache;
  /** SQLite only: listing pages, their brand counts and the short top-N lists, each on a thread. */
  readonly #readThreads: Record<'page' | 'counts' | 'top', SqliteReadThread> | undefined;
  /** Listings being read now, by cache key: concurrent misses and refreshes share one query. */
  readonly #reading = new Map<string, Promise<unknown>>();
  #taxonomy: Promise<Taxonomy> | undefined;

  constructor(database: Database, ttl: CatalogTtl, cache: ObjectCache) {
    this.#database = database;
    // Three threads, so a product page's related products (an index walk of a few rows) never
    // queue behind a category page, nor a category page behind brand counts (a group-by over tens
    // of thousands of rows). Listing threads run at a lower priority, so a cold start's burst of
    // them cannot starve the proxy on a shared machine.
    if (database.dialect === 'sqlite' && database.location !== ':memory:') {
      const threads = {
        page: new SqliteReadThread(database.location, { nice: LISTING_NICE }),
        counts: new SqliteReadThread(database.location, { nice: LISTING_NICE }),
        top: new SqliteReadThread(database.location),
      };
      this.#readThreads = threads;
      this.#store = new ProductStore(database, {
        page: (query) => threads.page.run(query),
        counts: (query) => threads.counts.run(query),
        top: (query) => threads.top.run(query),
      });
    } else {
      this.#store = new ProductStore(database);
    }
    this.#cache = cache;
    this.ttl = ttl;
    this.product = new PartitionedModel<ProductParts>({
      name: 'product',
      ttlSeconds: ttl,
      cache,
      fetch: (ids, parts) => this.#store.fetchParts(ids, parts),
      surrogateKey: (id) => `p${id}`,
      // Every change to what a page shows of stock purges the product's pages (placeOrder's
      // change-feed rows, saveProduct's), so stock no longer bounds a page to 15 s; the price
      // time-to-live still bounds it, for changes made behind the feed's back.
      pageTtlSeconds: { inventory: ttl.price },
      refreshAfter: REFRESH_AFTER,
      sync: { changedSince: (since, limit) => this.#store.changedSince(since, limit) },
    });
  }

  /** Sections, categories and brands; reloaded once its time-to-live has passed. */
  async taxonomy(): Promise<Taxonomy> {
    const current = this.#taxonomy;
    if (current) {
      const loaded = await current.catch(() => undefined);
      if (loaded && Date.now() - loaded.loadedAt < this.ttl.core * 1000) return loaded;
      if (this.#taxonomy !== current) return this.taxonomy();
    }
    const next = Taxonomy.load(this.#database, Date.now());
    this.#taxonomy = next;
    return next;
  }

  /** Forgets the taxonomy, after a category changed. */
  dropTaxonomy(): void {
    this.#taxonomy = undefined;
  }

  async productById(id: number, freshness?: Freshness): Promise<ProductRecord | undefined> {
    return (await this.products([id], freshness))[0];
  }

  /** Whole products in the order of `ids`; unknown ids are left out. */
  async products(ids: readonly number[], freshness?: Freshness): Promise<ProductRecord[]> {
    const loaded = await this.product.loadMany(ids, ALL_PARTS, freshness);
    const records: ProductRecord[] = [];
    for (const id of ids) {
      const parts = loaded.get(id);
      if (parts) records.push(productRecord(parts));
    }
    return records;
  }

  /** A page of products and the number matching; the listing is cached as ids for the price TTL. */
  async listing(
    query: ListingQuery,
    freshness?: Freshness,
  ): Promise<{ total: number; items: ProductRecord[] }> {
    const { total, ids } = await this.#cached(`listing:${JSON.stringify(query)}`, freshness, () =>
      this.#store.page(query),
    );
    return { total, items: await this.products(ids, freshness) };
  }

  async brandCounts(
    query: ListingQuery,
    limit: number,
  ): Promise<{ brandId: number; count: number }[]> {
    // Counts do not depend on the order or the page; without a price or stock filter they change
    // only as the catalog's text does, so they live as long as it.
    const counted = { ...query, sort: 'best-selling', page: 1 } as const;
    const core = query.inStock !== true && query.minPriceCents === undefined;
    const ttl = core && query.maxPriceCents === undefined ? this.ttl.core : this.ttl.price;
    return this.#cached(
      `brands:${limit}:${JSON.stringify(counted)}`,
      undefined,
      () => this.#store.brandCounts(counted, limit),
      ttl,
    );
  }

  /** A section's best-sellers. */
  async bestSellers(
    sectionId: number,
    count: number,
    freshness?: Freshness,
  ): Promise<ProductRecord[]> {
    return this.#top({ sectionId, sort: 'best-selling' }, count, 0, freshness);
  }

  /** Popular, well-rated products on sale in a section, after its best-sellers: the featured items. */
  async featured(
    sectionId: number,
    count: number,
    freshness?: Freshness,
  ): Promise<ProductRecord[]> {
    const popular = await this.#top(
      { sectionId, sort: 'best-selling', inStock: true },
      FEATURED_POOL,
      count * 2,
      freshness,
    );
    const picks = popular.filter((p) => p.listPriceCents > p.priceCents && p.rating >= 4);
    return (picks.length >= count ? picks : popular).slice(0, count);
  }

  /** Best-sellers from the same category, without the product itself. */
  async related(
    product: ProductRecord,
    count: number,
    freshness?: Freshness,
  ): Promise<ProductRecord[]> {
    const query = {
      categoryIds: [product.categoryId],
      sort: 'best-selling',
      inStock: true,
    } as const;
    const items = await this.#top(query, count + 1, 0, freshness);
    return items.filter((p) => p.id !== product.id).slice(0, count);
  }

  /**
   * Saves changes to a product: the database first, in one transaction with its change-feed row,
   * then this host's cache. Other processes drop their copies when the change feed reaches them.
   * False when there is no such product.
   */
  async saveProduct(id: number, changes: ProductChanges): Promise<boolean> {
    checkChanges(changes);
    const now = Date.now();
    const saved = await this.#database.db.transaction().execute(async (trx) => {
      if (!(await this.#store.update(trx, id, changes, now))) return false;
      await appendChange(trx, this.#database.dialect, {
        topic: 'product',
        key: String(id),
        version: now,
      });
      return true;
    });
    if (saved) this.product.invalidate(id);
    return saved;
  }

  async #top(
    query: Omit<ListingQuery, 'page'>,
    limit: number,
    offset: number,
    freshness: Freshness | undefined,
  ): Promise<ProductRecord[]> {
    const key = `top:${limit}:${offset}:${JSON.stringify(query)}`;
    const ids = await this.#cached(key, freshness, () => this.#store.top(query, limit, offset));
    return this.products(ids, freshness);
  }

  /** Stops background refreshing and the threads listings are read on. */
  async close(): Promise<void> {
    this.product.close();
    await Promise.all(Object.values(this.#readThreads ?? {}).map((thread) => thread.close()));
  }

  /**
   * A listing from the object cache, else read (once, however many ask at the same time) and
   * cached for the price time-to-live. One read late in its life is refreshed in the background,
   * so a popular listing never expires on the request path (refresh-ahead, as products are).
   */
  async #cached<T>(
    key: string,
    freshness: Freshness | undefined,
    compute: () => Promise<T>,
    ttlSeconds = this.ttl.price,
  ): Promise<T> {
    const now = Date.now();
    const hit = this.#cache.get(key, now);
    if (hit) {
      const remaining = (hit.entry.expiresAt - now) / 1000;
      freshness?.use(remaining, 0);
      if (remaining < ttlSeconds * (1 - REFRESH_AFTER)) {
        this.#read(key, compute, ttlSeconds).catch(() => undefined);
      }
      return hit.entry.value as T;
    }
    const value = await this.#read(key, compute, ttlSeconds);
    freshness?.use(ttlSeconds, 0);
    return value;
  }

  #read<T>(key: string, compute: () => Promise<T>, ttlSeconds: number): Promise<T> {
    const reading = this.#reading.get(key);
    if (reading) return reading as Promise<T>;
    const read = compute()
      .then((value) => {
        const now = Date.now();
        this.#cache.set(key, { value, version: now, expiresAt: now + ttlSeconds * 1000 });
        return value;
      })
      .finally(() => this.#reading.delete(key));
    this.#reading.set(key, read);
    return read;
  }
}

const CHANGEABLE = new Set(['title', 'description', 'priceCents', 'listPriceCents', 'onHand']);

function checkChanges(changes: ProductChanges): void {
  for (const [name, value] of Object.entries(changes)) {
    if (!CHANGEABLE.has(name))
      throw new ModelInputError(`products have no changeable field '${name}'`);
    if (name === 'title' || name === 'description') {
      if (typeof value !== 'string' || value.trim() === '')
        throw new ModelInputError(`${name} must be a non-empty string`);
    } else if (!Number.isSafeInteger(value) || (value as number) < 0) {
      throw new ModelInputError(`${name} must be a whole number of zero or more`);
    }
  }
}
