import type { Database } from '../db/index.js';
import {
  IndexBuilder,
  type BaseIndex,
  type CatalogRow,
  type SearchTaxonomy,
} from './engine/index.js';

/** Products read per query while building: large enough to amortise, small enough to stream. */
const BUILD_BATCH = 10_000;
/** Ids per `in (…)` list when fetching changed products. */
const FETCH_BATCH = 500;

/** The category tree and brands, whole. */
export async function loadTaxonomy(database: Database): Promise<SearchTaxonomy> {
  const [categories, brands] = await Promise.all([
    database.db
      .selectFrom('categories')
      .select(['id', 'parent_id', 'slug', 'name', 'path'])
      .orderBy('id')
      .execute(),
    database.db.selectFrom('brands').select(['id', 'slug', 'name']).orderBy('id').execute(),
  ]);
  return {
    categories: categories.map((c) => ({
      id: c.id,
      parentId: c.parent_id,
      slug: c.slug,
      name: c.name,
      path: c.path,
    })),
    brands,
  };
}

function selectRows(database: Database) {
  return database.db
    .selectFrom('products as p')
    .leftJoin('inventory as i', 'i.product_id', 'p.id')
    .select([
      'p.id',
      'p.title',
      'p.author',
      'p.description',
      'p.brand_id',
      'p.category_id',
      'p.price_cents',
      'p.age_min_months',
      'p.age_max_months',
      'p.rating',
      'p.review_count',
      'p.sales_rank',
      'p.created_at',
      'i.on_hand',
      'i.reserved',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectRows>['execute']>>[number];

function toCatalogRow(row: Row): CatalogRow {
  return {
    id: row.id,
    title: row.title,
    author: row.author,
    description: row.description,
    brandId: row.brand_id,
    categoryId: row.category_id,
    priceCents: Number(row.price_cents),
    ageMinMonths: row.age_min_months,
    ageMaxMonths: row.age_max_months,
    rating: Number(row.rating),
    reviewCount: row.review_count,
    salesRank: row.sales_rank,
    createdAt: Number(row.created_at),
    available: Math.max(0, Number(row.on_hand ?? 0) - Number(row.reserved ?? 0)),
  };
}

/** Every product, in id order, a batch at a time (keyset paging: no offset scans). */
export async function* catalogRows(database: Database): AsyncGenerator<CatalogRow[]> {
  let after = 0;
  for (;;) {
    const rows = await selectRows(database)
      .where('p.id', '>', after)
      .orderBy('p.id')
      .limit(BUILD_BATCH)
      .execute();
    if (rows.length === 0) return;
    yield rows.map(toCatalogRow);
    after = rows.at(-1)!.id;
    if (rows.length < BUILD_BATCH) return;
  }
}

/** The current rows of these products; ids with no product are left out. */
export async function productRows(
  database: Database,
  ids: readonly number[],
): Promise<CatalogRow[]> {
  const found: CatalogRow[] = [];
  for (let i = 0; i < ids.length; i += FETCH_BATCH) {
    const rows = await selectRows(database)
      .where('p.id', 'in', ids.slice(i, i + FETCH_BATCH))
      .execute();
    found.push(...rows.map(toCatalogRow));
  }
  return found;
}

/** How many products there are and the highest id: tells one catalog's snapshot from another's. */
export async function catalogFingerprint(
  database: Database,
): Promise<{ count: number; maxId: number }> {
  const row = await database.db
    .selectFrom('products')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('id').as('maxId')])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), maxId: Number(row.maxId ?? 0) };
}

export interface BuildOptions {
  readonly onProgress?: (products: number) => void;
  /**
   * After each page of rows, rest this many times as long as the page took (0: never). A rebuild
   * beside a serving daemon rests as long as it works, so it takes half as much of the memory
   * bandwidth and caches the query threads share with it, whatever its scheduling priority.
   */
  readonly restShare?: number;
}

/**
 * Builds an index of the whole catalog as it stands at change-feed `position` (read that first:
 * changes committed while the rows stream in are applied again afterwards, harmlessly).
 */
export async function buildFromDatabase(
  database: Database,
  position: number,
  options: BuildOptions = {},
): Promise<BaseIndex> {
  const { count } = await catalogFingerprint(database);
  const builder = new IndexBuilder(await loadTaxonomy(database), { expectedProducts: count });
  const restShare = options.restShare ?? 0;
  let working = performance.now();
  for await (const rows of catalogRows(database)) {
    for (const row of rows) builder.add(row);
    options.onProgress?.(builder.count);
    if (restShare > 0) {
      const rest = (performance.now() - working) * restShare;
      await new Promise((resolve) => setTimeout(resolve, rest));
      working = performance.now();
    }
  }
  return builder.finish(position);
}
