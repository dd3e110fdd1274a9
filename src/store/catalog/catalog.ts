import type { Database } from '../../db/index.js';
import type { Freshness } from '../../framework/index.js';
import type { ProductRecord } from './product-record.js';
import { ProductStore } from './product-store.js';
import { Taxonomy } from './taxonomy.js';
import type { ListingQuery } from './listing-query.js';

/** Best-sellers the featured items are picked from. */
const FEATURED_POOL = 40;

/** Time-to-live in seconds of each part of the catalog's data. */
export interface CatalogTtl {
  /** Titles, descriptions, the category tree. */
  readonly core: number;
  readonly price: number;
  readonly inventory: number;
}

/**
 * The catalog model: products, listings and the taxonomy, for controllers, the CLI and jobs alike.
 * Every read records the data it returns in the caller's `Freshness`, part by part, so a page can
 * be cached exactly as long as the shortest-lived data on it.
 */
export class Catalog {
  readonly ttl: CatalogTtl;
  readonly #products: ProductStore;
  readonly #database: Database;
  #taxonomy: Promise<Taxonomy> | undefined;

  constructor(database: Database, ttl: CatalogTtl) {
    this.#database = database;
    this.#products = new ProductStore(database);
    this.ttl = ttl;
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

  async product(id: number, freshness?: Freshness): Promise<ProductRecord | undefined> {
    const product = await this.#products.byId(id);
    if (product) this.#use(product, freshness);
    return product;
  }

  async products(ids: readonly number[], freshness?: Freshness): Promise<ProductRecord[]> {
    const products = await this.#products.byIds(ids);
    for (const product of products) this.#use(product, freshness);
    return products;
  }

  /** A page of products; the listing itself may change as prices and stock do. */
  async listing(
    query: ListingQuery,
    freshness?: Freshness,
  ): Promise<{ total: number; items: ProductRecord[] }> {
    const result = await this.#products.list(query);
    freshness?.use(this.ttl.price, 0);
    for (const product of result.items) this.#use(product, freshness);
    return result;
  }

  async brandCounts(
    query: ListingQuery,
    limit: number,
  ): Promise<{ brandId: number; count: number }[]> {
    return this.#products.brandCounts(query, limit);
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
    const items = await this.#top(
      { categoryIds: [product.categoryId], sort: 'best-selling', inStock: true },
      count + 1,
      0,
      freshness,
    );
    return items.filter((p) => p.id !== product.id).slice(0, count);
  }

  async #top(
    query: Omit<ListingQuery, 'page'>,
    limit: number,
    offset: number,
    freshness: Freshness | undefined,
  ): Promise<ProductRecord[]> {
    const items = await this.#products.top(query, limit, offset);
    freshness?.use(this.ttl.price, 0);
    for (const product of items) this.#use(product, freshness);
    return items;
  }

  #use(product: ProductRecord, freshness: Freshness | undefined): void {
    if (!freshness) return;
    const key = `p${product.id}`;
    freshness.use(this.ttl.core, product.updatedAt, key);
    freshness.use(this.ttl.price, product.updatedAt);
    freshness.use(this.ttl.inventory, product.inventoryUpdatedAt);
  }
}
