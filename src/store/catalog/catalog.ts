import { appendChange, type Database } from '../../db/index.js';
import {
  ModelInputError,
  PartitionedModel,
  type Freshness,
  type ObjectCache,
} from '../../framework/index.js';
import type { ProductParts, ProductRecord } from './product-record.js';
import { ProductStore, type ProductChanges } from './product-store.js';
import { Taxonomy } from './taxonomy.js';
import type { ListingQuery } from './listing-query.js';

/** Parts read in the last quarter of their life are reloaded in the background (refresh-ahead). */
const REFRESH_AFTER = 0.75;
/** Best-sellers the featured items are picked from. */
const FEATURED_POOL = 40;
const ALL_PARTS = ['core', 'price', 'inventory'] as const;

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
  #taxonomy: Promise<Taxonomy> | undefined;

  constructor(database: Database, ttl: CatalogTtl, cache: ObjectCache) {
    this.#database = database;
    this.#store = new ProductStore(database);
    this.#cache = cache;
    this.ttl = ttl;
    this.product = new PartitionedModel<ProductParts>({
      name: 'product',
      ttlSeconds: ttl,
      cache,
      fetch: (ids, parts) => this.#store.fetchParts(ids, parts),
      surrogateKey: (id) => `p${id}`,
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
    return ids.flatMap((id) => {
      const parts = loaded.get(id);
      return parts ? [{ ...parts.core, ...parts.price, ...parts.inventory }] : [];
    });
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
    return this.#cached(`brands:${limit}:${JSON.stringify({ ...query, page: 1 })}`, undefined, () =>
      this.#store.brandCounts(query, limit),
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

  async #cached<T>(
    key: string,
    freshness: Freshness | undefined,
    compute: () => Promise<T>,
  ): Promise<T> {
    const now = Date.now();
    const hit = this.#cache.get(key, now);
    if (hit) {
      freshness?.use((hit.entry.expiresAt - now) / 1000, 0);
      return hit.entry.value as T;
    }
    const value = await compute();
    this.#cache.set(key, { value, version: now, expiresAt: now + this.ttl.price * 1000 });
    freshness?.use(this.ttl.price, 0);
    return value;
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
