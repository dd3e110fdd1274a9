import { sql } from 'kysely';
import { BadRequestError } from '../../shared/index.js';
import type { Database } from '../database.js';
import type { InventoryTable, ProductTable } from '../schema.js';
import { isEmpty } from '../database.js';
import { Random } from './random.js';
import { Permutation } from './permutation.js';
import { Taxonomy } from './taxonomy.js';
import { BrandCatalog } from './brands.js';
import { AuthorPool } from './authors.js';
import { ProductFactory } from './product-factory.js';
import { SeedError } from './seed-error.js';

export { SeedError } from './seed-error.js';

export interface SeedOptions {
  /** How many products to generate. */
  readonly products: number;
  /** The same seed always yields the same catalog. */
  readonly seed: number;
  /** Called as products are written, for a progress bar. */
  readonly onProgress?: (written: number, total: number) => void;
}

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
 * Rows per multi-row INSERT: 17 columns × 1,000 = 17,000 parameters, under SQLite's 32,766 and
 * PostgreSQL's 65,535. Every batch but the last has this size, so each dialect prepares the
 * statement once and reuses it. Larger batches measured no faster on SQLite.
 */
const ROWS_PER_INSERT = 1000;
/** Batches per transaction: one commit per 20,000 products keeps the WAL small and commits rare. */
const INSERTS_PER_TRANSACTION = 20;

// Random streams for the catalog-wide draws; products use streams 1..MAX_PRODUCTS, their ids.
const TAXONOMY_STREAM = 0xfff0_0001;
const BRAND_STREAM = 0xfff0_0002;
const AUTHOR_STREAM = 0xfff0_0003;
const RANK_STREAM = 0xfff0_0004;

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

  const taxonomy = new Taxonomy(new Random(seed, TAXONOMY_STREAM));
  const brands = new BrandCatalog(new Random(seed, BRAND_STREAM));
  const factory = new ProductFactory({
    seed,
    total,
    taxonomy,
    brands,
    authors: new AuthorPool(new Random(seed, AUTHOR_STREAM)),
    ranks: new Permutation(total, new Random(seed, RANK_STREAM)),
  });

  await database.db.transaction().execute(async (trx) => {
    await trx.insertInto('sections').values(taxonomy.sections).execute();
    await trx.insertInto('categories').values(taxonomy.categories).execute();
    await trx.insertInto('brands').values(brands.rows).execute();
  });

  const perTransaction = ROWS_PER_INSERT * INSERTS_PER_TRANSACTION;
  for (let start = 0; start < total; start += perTransaction) {
    const end = Math.min(total, start + perTransaction);
    await database.db.transaction().execute(async (trx) => {
      for (let from = start; from < end; from += ROWS_PER_INSERT) {
        const to = Math.min(end, from + ROWS_PER_INSERT);
        const products: ProductTable[] = [];
        const inventory: InventoryTable[] = [];
        for (let index = from; index < to; index++) {
          const made = factory.make(index);
          products.push(made.product);
          inventory.push(made.inventory);
        }
        await trx.insertInto('products').values(products).execute();
        await trx.insertInto('inventory').values(inventory).execute();
      }
    });
    onProgress?.(end, total);
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
