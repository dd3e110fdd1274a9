import { CompiledQuery, sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database, ProductTable, Schema } from '../../db/index.js';
import type { Versioned } from '../../framework/index.js';
import type { ProductParts, ProductPart } from './product-record.js';
import { PAGE_SIZE, type ListingQuery, type Sort } from './listing-query.js';

type ProductQuery = SelectQueryBuilder<
  Schema & { p: Schema['products']; i: Schema['inventory'] },
  'p' | 'i',
  object
>;

const PART_COLUMNS = {
  core: [
    'p.sku',
    'p.title',
    'p.description',
    'p.author',
    'p.brand_id',
    'p.category_id',
    'p.section_id',
    'p.age_min_months',
    'p.age_max_months',
    'p.rating',
    'p.review_count',
    'p.sales_rank',
    'p.created_at',
    'p.updated_at',
  ],
  price: ['p.price_cents', 'p.list_price_cents', 'p.updated_at'],
  inventory: ['i.on_hand', 'i.reserved', 'i.updated_at as inventory_updated_at'],
} as const;

/** Shapes of `fetchParts` whose SQL is kept (parts asked × number of ids); more start the memo afresh. */
const MAX_PART_QUERIES = 1000;

const ORDER: Record<Sort, readonly [column: string, direction: 'asc' | 'desc']> = {
  'best-selling': ['p.sales_rank', 'asc'],
  'price-asc': ['p.price_cents', 'asc'],
  'price-desc': ['p.price_cents', 'desc'],
  newest: ['p.created_at', 'desc'],
  rating: ['p.rating', 'desc'],
};

/** A change to a product through `Catalog.saveProduct`. */
export interface ProductChanges {
  readonly title?: string;
  readonly description?: string;
  readonly priceCents?: number;
  readonly listPriceCents?: number;
  readonly onHand?: number;
}

/** Runs a compiled read query; where listings run (`SqliteReadThread` on SQLite). */
export type RunQuery = <R>(query: CompiledQuery<R>) => Promise<R[]>;

/** Where the listing queries run; each defaults to the database's own connection. */
export interface ListingRunners {
  /** `page`: a listing page, which counts and sorts all it matches. */
  readonly page?: RunQuery;
  /** `brandCounts`: a group-by over every product a listing matches (default: `page`'s). */
  readonly counts?: RunQuery;
  /** `top`: the first few of a listing (best-sellers, related products), an index walk. */
  readonly top?: RunQuery;
}

/** Reads and writes products with their inventory. Knows SQL, not HTTP or caching. */
export class ProductStore {
  readonly #database: Database;
  readonly #runPage: RunQuery;
  readonly #runCounts: RunQuery;
  readonly #runTop: RunQuery;
  /**
   * The SQL of `fetchParts` by parts asked and number of ids, built once: building it through
   * the query builder each time (sixteen column references parsed, a tree frozen and compiled)
   * was an eighth of an uncached product page's CPU.
   */
  readonly #partQueries = new Map<string, string>();

  constructor(database: Database, runners: ListingRunners = {}) {
    this.#database = database;
    const run = async <R>(query: CompiledQuery<R>) => (await database.db.executeQuery(query)).rows;
    this.#runPage = runners.page ?? run;
    this.#runCounts = runners.counts ?? this.#runPage;
    this.#runTop = runners.top ?? run;
  }

  #select(db: Kysely<Schema> = this.#database.db): ProductQuery {
    return db
      .selectFrom('products as p')
      .innerJoin('inventory as i', 'i.product_id', 'p.id') as unknown as ProductQuery;
  }

  /** The asked-for parts of these products, with versions, in one query. */
  async fetchParts(
    ids: readonly number[],
    parts: readonly ProductPart[],
  ): Promise<Map<number, { [K in ProductPart]?: Versioned<ProductParts[K]> }>> {
    const shape = `${parts.join()}:${ids.length}`;
    let text = this.#partQueries.get(shape);
    if (text === undefined) {
      if (this.#partQueries.size >= MAX_PART_QUERIES) this.#partQueries.clear();
      const columns = [...new Set(parts.flatMap((part) => PART_COLUMNS[part]))];
      // The ids are the query's only parameters, in order: the text serves any ids of this count.
      text = this.#select()
        .select(['p.id', ...columns])
        .where('p.id', 'in', ids)
        .compile().sql;
      this.#partQueries.set(shape, text);
    }
    const { rows } = await this.#database.db.executeQuery<Row>(CompiledQuery.raw(text, [...ids]));
    const result = new Map<number, { [K in ProductPart]?: Versioned<ProductParts[K]> }>();
    for (const row of rows) {
      const found: { [K in ProductPart]?: Versioned<ProductParts[K]> } = {};
      if (parts.includes('core')) found.core = { value: coreOf(row), version: row.updated_at };
      if (parts.includes('price')) {
        found.price = {
          value: { priceCents: row.price_cents, listPriceCents: row.list_price_cents },
          version: row.updated_at,
        };
      }
      if (parts.includes('inventory')) {
        found.inventory = {
          value: {
            onHand: row.on_hand,
            reserved: row.reserved,
            inventoryUpdatedAt: row.inventory_updated_at,
          },
          version: row.inventory_updated_at,
        };
      }
      result.set(row.id, found);
    }
    return result;
  }

  /** Ids of one page of a listing, and how many products match in all. */
  async page(query: ListingQuery): Promise<{ total: number; ids: number[] }> {
    const [counted, ids] = await Promise.all([
      this.#runPage(
        this.#filter(query)
          .select((eb) => eb.fn.countAll<number>().as('total'))
          .compile(),
      ),
      this.#ids(query, PAGE_SIZE, (query.page - 1) * PAGE_SIZE, this.#runPage),
    ]);
    return { total: Number(counted[0]?.total ?? 0), ids };
  }

  /** Ids of the first `limit` products of a listing after `offset`, without counting them all. */
  top(query: Omit<ListingQuery, 'page'>, limit: number, offset = 0): Promise<number[]> {
    return this.#ids(query, limit, offset, this.#runTop);
  }

  async #ids(
    query: Omit<ListingQuery, 'page'>,
    limit: number,
    offset: number,
    run: RunQuery,
  ): Promise<number[]> {
    const [column, direction] = ORDER[query.sort];
    const rows = await run(
      this.#filter(query)
        .select('p.id')
        .orderBy(sql.ref(column), direction)
        .orderBy('p.id')
        .limit(limit)
        .offset(offset)
        .compile(),
    );
    return rows.map((row) => row.id);
  }

  /** Products whose row or inventory changed after `since` (ms), with the version changed to; at most `limit`. */
  async changedSince(since: number, limit: number): Promise<{ id: number; version: number }[]> {
    const [products, inventory] = await Promise.all([
      this.#database.db
        .selectFrom('products')
        .select(['id', 'updated_at'])
        .where('updated_at', '>', since)
        .limit(limit)
        .execute(),
      this.#database.db
        .selectFrom('inventory')
        .select(['product_id', 'updated_at'])
        .where('updated_at', '>', since)
        .limit(limit)
        .execute(),
    ]);
    return [
      ...products.map((row) => ({ id: row.id, version: row.updated_at })),
      ...inventory.map((row) => ({ id: row.product_id, version: row.updated_at })),
    ].slice(0, limit);
  }

  /** How many products of a listing (ignoring its brand filter) each brand has; the largest first. */
  async brandCounts(
    query: ListingQuery,
    limit: number,
  ): Promise<{ brandId: number; count: number }[]> {
    const rows = await this.#runCounts(
      this.#filter({ ...query, brandId: undefined })
        .select(['p.brand_id', (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy('p.brand_id')
        .orderBy('count', 'desc')
        .limit(limit)
        .compile(),
    );
    return rows.map((row) => ({ brandId: row.brand_id, count: Number(row.count) }));
  }

  /** Applies `changes` inside `trx`, stamping the rows changed with `now`; false when no such product. */
  async update(
    trx: Kysely<Schema>,
    id: number,
    changes: ProductChanges,
    now: number,
  ): Promise<boolean> {
    const { onHand, ...product } = changes;
    const set = {
      ...(product.title !== undefined && { title: product.title }),
      ...(product.description !== undefined && { description: product.description }),
      ...(product.priceCents !== undefined && { price_cents: product.priceCents }),
      ...(product.listPriceCents !== undefined && { list_price_cents: product.listPriceCents }),
    };
    const updated = await trx
      .updateTable('products')
      .set({ ...set, updated_at: now })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    if (onHand !== undefined) {
      await trx
        .updateTable('inventory')
        .set({ on_hand: onHand, updated_at: now })
        .where('product_id', '=', id)
        .execute();
    }
    return true;
  }

  #filter(query: Omit<ListingQuery, 'page'>): ProductQuery {
    // Inventory is joined only to filter on stock (every product has its row): without it, counts
    // and sorted ids of a category are walks of the (category, sort column) indexes alone, where
    // the join looked up an inventory row for each of a category's tens of thousands of products.
    let q = query.inStock
      ? this.#select()
      : (this.#database.db.selectFrom('products as p') as unknown as ProductQuery);
    if (query.categoryIds) q = q.where('p.category_id', 'in', query.categoryIds);
    if (query.sectionId !== undefined) q = q.where('p.section_id', '=', query.sectionId);
    for (const word of query.words ?? []) {
      q = q.where(sql<boolean>`lower(p.title) like ${`%${escapeLike(word)}%`} escape '\\'`);
    }
    if (query.brandId !== undefined) q = q.where('p.brand_id', '=', query.brandId);
    if (query.minPriceCents !== undefined) q = q.where('p.price_cents', '>=', query.minPriceCents);
    if (query.maxPriceCents !== undefined) q = q.where('p.price_cents', '<=', query.maxPriceCents);
    if (query.ageYears !== undefined) {
      const months = query.ageYears * 12;
      q = q.where('p.age_min_months', '<=', months).where('p.age_max_months', '>=', months);
    }
    if (query.inStock) q = q.where(sql<boolean>`i.on_hand > i.reserved`);
    return q;
  }
}

function escapeLike(word: string): string {
  return word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A product row joined with its inventory row's columns. */
type Row = ProductTable & { on_hand: number; reserved: number; inventory_updated_at: number };

function coreOf(row: Row): ProductParts['core'] {
  return {
    id: row.id,
    sku: row.sku,
    title: row.title,
    description: row.description,
    author: row.author,
    brandId: row.brand_id,
    categoryId: row.category_id,
    sectionId: row.section_id,
    ageMinMonths: row.age_min_months,
    ageMaxMonths: row.age_max_months,
    rating: Number(row.rating),
    reviewCount: row.review_count,
    salesRank: row.sales_rank,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
