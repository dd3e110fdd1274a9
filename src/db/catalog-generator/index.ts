import { sql } from 'kysely';
import { BadRequestError } from '../../shared/index.js';
import type { Database } from '../database.js';
import type { InventoryTable, ProductTable } from '../schema.js';
import { isEmpty } from '../database.js';
import { GeneratedCatalog } from './generated-catalog.js';
import { SeedError } from './seed-error.js';

export { SeedError } from './seed-error.js';

/** What to generate, and whom to tell as it is written. */
export interface SeedOptions {
  /** How many products to generate. */
  readonly products: number;
  /** The same seed always yields the same catalog. */
  readonly seed: number;
  /** Called as products are written, for a progress bar. */
  readonly onProgress?: (written: number, total: number) => void;
}

/** What a seed wrote, and how long it took. */
export interface SeedReport {
  readonly sections: number;
  readonly categories: number;
  readonly brands: number;
  readonly products: number;
  readonly millis: number;
}

/** The most products one seed will generate. */
export const MAX_PRODUCTS = 10_000_000;

/**
 * Bound parameters per multi-row INSERT: SQLite's default limit (PostgreSQL allows 65,535), so
 * 1,927 rows of 17 columns. Every batch but the last has the same size, so each dialect prepares
 * the statement once and reuses it. Measured on a million products (SQLite): 1,000-row batches
 * took 52–54 s, 1,927-row batches 48–49 s.
 */
const MAX_PARAMETERS = 32_766;
/**
 * Batches per transaction, about 96,000 products per commit. Committing every 20,000 took 67 s
 * for the million against 52 s at 100,000, as each commit writes every index page it touched to
 * the WAL again; commits of 250,000 gained nothing more.
 */
const INSERTS_PER_TRANSACTION = 50;

/**
 * Fills an empty, migrated database with a generated catalog: 4 sections, about 200 categories,
 * a few hundred brands and `products` products with their inventory, identical for the same seed.
 * Writes in batches and never holds more than one batch in memory. Does not touch the change feed:
 * there is nobody yet to tell.
 */
export async function seedCatalog(database: Database, options: SeedOptions): Promise<SeedReport> {
  const started = performance.now();
  const { products: total, seed, onProgress } = options;
  if (!Number.isSafeInteger(total) || total < 1 || total > MAX_PRODUCTS) {
    throw new BadRequestError(
      `options.products must be an integer from 1 to ${MAX_PRODUCTS} (got ${String(total)})`,
    );
  }
  if (!Number.isSafeInteger(seed)) {
    throw new BadRequestError(`options.seed must be a safe integer (got ${String(seed)})`);
  }
  await refuseExistingCatalog(database);

  const { taxonomy, brands, factory } = new GeneratedCatalog(seed, total);

  await database.db.transaction().execute(async (trx) => {
    await trx.insertInto('sections').values(taxonomy.sections).execute();
    await trx.insertInto('categories').values(taxonomy.categories).execute();
    await trx.insertInto('brands').values(brands.rows).execute();
  });

  const rowsPerInsert = Math.floor(MAX_PARAMETERS / Object.keys(factory.make(0).product).length);
  const perTransaction = rowsPerInsert * INSERTS_PER_TRANSACTION;
  for (let start = 0; start < total; start += perTransaction) {
    const end = Math.min(total, start + perTransaction);
    await database.db.transaction().execute(async (trx) => {
      for (let from = start; from < end; from += rowsPerInsert) {
        const to = Math.min(end, from + rowsPerInsert);
        const products: ProductTable[] = [];
        const inventory: InventoryTable[] = [];
        for (let index = from; index < to; index++) {
          const made = factory.make(index);
          products.push(made.product);
          inventory.push(made.inventory);
        }
        await trx.insertInto('products').values(products).execute();
        await trx.insertInto('inventory').values(inventory).execute();
        onProgress?.(to, total);
      }
    });
  }

  // PostgreSQL plans from statistics that autovacuum gathers only later: until then the app
  // servers' change poll scanned all of a million products, half a second a poll. Only the
  // tables filled here: an empty table analyzed as empty gets a prepared statement's generic plan
  // of a sequential scan, kept as the table grows until its statistics change — without
  // autovacuum, for ever (sessions, carts and the change feed read whole under the load test,
  // PostgreSQL 253 µs of CPU a page view where 98 with current statistics). A table never
  // analyzed is planned on its real size.
  if (database.dialect === 'postgres') {
    await sql`ANALYZE sections, categories, brands, products, inventory`.execute(database.db);
  }

  return {
    sections: taxonomy.sections.length,
    categories: taxonomy.categories.length,
    brands: brands.rows.length,
    products: total,
    millis: Math.round(performance.now() - started),
  };
}

// Sections have fixed ids, so even a catalog without products (a seed that stopped early) would
// clash; either way the operator should start from a fresh database.
async function refuseExistingCatalog(database: Database): Promise<void> {
  if (!(await isEmpty(database))) {
    throw new SeedError('the database already has products; seed only a fresh database');
  }
  const section = await database.db
    .selectFrom('sections')
    .select(sql<number>`1`.as('one'))
    .limit(1)
    .executeTakeFirst();
  if (section !== undefined) {
    throw new SeedError('the database already has catalog sections; seed only a fresh database');
  }
}
