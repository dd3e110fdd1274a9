import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database, Schema } from '../../db/index.js';
import type { ProductRecord } from './product-record.js';
import { PAGE_SIZE, type ListingQuery, type Sort } from './listing-query.js';

type ProductQuery = SelectQueryBuilder<
  Schema & { p: Schema['products']; i: Schema['inventory'] },
  'p' | 'i',
  object
>;

const COLUMNS = [
  'p.id',
  'p.sku',
  'p.title',
  'p.description',
  'p.author',
  'p.brand_id',
  'p.category_id',
  'p.section_id',
  'p.price_cents',
  'p.list_price_cents',
  'p.age_min_months',
  'p.age_max_months',
  'p.rating',
  'p.review_count',
  'p.sales_rank',
  'p.created_at',
  'p.updated_at',
  'i.on_hand',
  'i.reserved',
  'i.updated_at as inventory_updated_at',
] as const;

const ORDER: Record<Sort, readonly [column: string, direction: 'asc' | 'desc']> = {
  'best-selling': ['p.sales_rank', 'asc'],
  'price-asc': ['p.price_cents', 'asc'],
  'price-desc': ['p.price_cents', 'desc'],
  newest: ['p.created_at', 'desc'],
  rating: ['p.rating', 'desc'],
};

/** Reads products with their inventory. Knows SQL, not HTTP; the catalog decides what to show. */
export class ProductStore {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  #select(): ProductQuery {
    return this.#database.db
      .selectFrom('products as p')
      .innerJoin('inventory as i', 'i.product_id', 'p.id') as unknown as ProductQuery;
  }

  async byId(id: number): Promise<ProductRecord | undefined> {
    const row = await this.#select().select(COLUMNS).where('p.id', '=', id).executeTakeFirst();
    return row && toRecord(row);
  }

  /** Products in the order of `ids`; unknown ids are left out. One round trip. */
  async byIds(ids: readonly number[]): Promise<ProductRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.#select().select(COLUMNS).where('p.id', 'in', ids).execute();
    const byId = new Map(rows.map((row) => [row.id, toRecord(row)]));
    return ids.map((id) => byId.get(id)).filter((p): p is ProductRecord => p !== undefined);
  }

  /** One page of a listing, and how many products match in all. */
  async list(query: ListingQuery): Promise<{ total: number; items: ProductRecord[] }> {
    const filtered = this.#filter(query);
    const [column, direction] = ORDER[query.sort];
    const [countRow, rows] = await Promise.all([
      filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      filtered
        .select(COLUMNS)
        .orderBy(sql.ref(column), direction)
        .orderBy('p.id')
        .limit(PAGE_SIZE)
        .offset((query.page - 1) * PAGE_SIZE)
        .execute(),
    ]);
    return { total: Number(countRow.total), items: rows.map(toRecord) };
  }

  /** The first `limit` products of a listing after `offset`, without counting them all. */
  async top(
    query: Omit<ListingQuery, 'page'>,
    limit: number,
    offset = 0,
  ): Promise<ProductRecord[]> {
    const [column, direction] = ORDER[query.sort];
    const rows = await this.#filter(query)
      .select(COLUMNS)
      .orderBy(sql.ref(column), direction)
      .orderBy('p.id')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toRecord);
  }

  /** How many products of a listing (ignoring its brand filter) each brand has; the largest first. */
  async brandCounts(
    query: ListingQuery,
    limit: number,
  ): Promise<{ brandId: number; count: number }[]> {
    const rows = await this.#filter({ ...query, brandId: undefined })
      .select(['p.brand_id', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('p.brand_id')
      .orderBy('count', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ brandId: row.brand_id, count: Number(row.count) }));
  }

  #filter(query: Omit<ListingQuery, 'page'>): ProductQuery {
    let q = this.#select();
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

type Row = {
  id: number;
  sku: string;
  title: string;
  description: string;
  author: string | null;
  brand_id: number;
  category_id: number;
  section_id: number;
  price_cents: number;
  list_price_cents: number;
  age_min_months: number;
  age_max_months: number;
  rating: number;
  review_count: number;
  sales_rank: number;
  created_at: number;
  updated_at: number;
  on_hand: number;
  reserved: number;
  inventory_updated_at: number;
};

function toRecord(row: Row): ProductRecord {
  return {
    id: row.id,
    sku: row.sku,
    title: row.title,
    description: row.description,
    author: row.author,
    brandId: row.brand_id,
    categoryId: row.category_id,
    sectionId: row.section_id,
    priceCents: row.price_cents,
    listPriceCents: row.list_price_cents,
    ageMinMonths: row.age_min_months,
    ageMaxMonths: row.age_max_months,
    rating: Number(row.rating),
    reviewCount: row.review_count,
    salesRank: row.sales_rank,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    onHand: row.on_hand,
    reserved: row.reserved,
    inventoryUpdatedAt: row.inventory_updated_at,
  };
}
