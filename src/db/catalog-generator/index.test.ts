import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDialects } from '../../testing/index.js';
import type { Database } from '../database.js';
import { GeneratedCatalog } from './generated-catalog.js';
import { seedCatalog, SeedError, type SeedReport } from './index.js';

const PRODUCTS = 500;
const SEED = 2026;

for (const dialect of await testDialects()) {
  describe(`seedCatalog (${dialect.name})`, { skip: dialect.skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    let report: SeedReport;
    const progress: Array<[number, number]> = [];

    before(async () => {
      ({ database, drop } = await dialect.create());
      report = await seedCatalog(database, {
        products: PRODUCTS,
        seed: SEED,
        onProgress: (written, total) => progress.push([written, total]),
      });
    });
    after(() => drop());

    it('reports and writes 4 sections, the category tree, the brands and every product', async () => {
      const count = async (
        table: 'sections' | 'categories' | 'brands' | 'products' | 'inventory',
      ) =>
        Number(
          (
            await database.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      assert.equal(report.sections, 4);
      assert.equal(report.products, PRODUCTS);
      assert.equal(await count('sections'), 4);
      assert.equal(await count('categories'), report.categories);
      assert.equal(await count('brands'), report.brands);
      assert.equal(await count('products'), PRODUCTS);
      assert.equal(await count('inventory'), PRODUCTS);
      assert.ok(report.millis >= 0);
      assert.deepEqual(progress.at(-1), [PRODUCTS, PRODUCTS]);
    });

    if (dialect.name === 'postgres') {
      it('leaves statistics of the catalog behind, and none of the tables it left empty', async () => {
        const { rows } = await sql<{ relname: string; analyzed: boolean }>`
          SELECT relname, last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables
          WHERE relname IN ('products', 'inventory', 'sessions', 'carts', 'change_feed')
          ORDER BY relname`.execute(database.db);
        assert.deepEqual(rows, [
          { relname: 'carts', analyzed: false },
          { relname: 'change_feed', analyzed: false },
          { relname: 'inventory', analyzed: true },
          { relname: 'products', analyzed: true },
          { relname: 'sessions', analyzed: false },
        ]);
      });

      it('leaves the empty tables to plans on their real size: a session is found by index', async () => {
        // Analyzed while empty, the table would be planned as empty for good: a sequential scan.
        const plan = await sql<{ 'QUERY PLAN': string }>`
          EXPLAIN SELECT id FROM sessions WHERE id = 'x'`.execute(database.db);
        assert.match(plan.rows.map((row) => row['QUERY PLAN']).join('\n'), /Index/);
      });
    }

    it('stores exactly what the generator makes, so both dialects hold the same catalog', async () => {
      const { factory, taxonomy, brands } = new GeneratedCatalog(SEED, PRODUCTS);
      const expected = Array.from({ length: 200 }, (_, i) => factory.make(i));
      const products = await database.db
        .selectFrom('products')
        .selectAll()
        .orderBy('id')
        .limit(200)
        .execute();
      assert.deepEqual(
        products,
        expected.map((m) => m.product),
      );
      const inventory = await database.db
        .selectFrom('inventory')
        .selectAll()
        .orderBy('product_id')
        .limit(200)
        .execute();
      assert.deepEqual(
        inventory,
        expected.map((m) => m.inventory),
      );
      const categories = await database.db
        .selectFrom('categories')
        .selectAll()
        .orderBy('id')
        .execute();
      assert.deepEqual(categories, taxonomy.categories);
      const brandRows = await database.db.selectFrom('brands').selectAll().orderBy('id').execute();
      assert.deepEqual(brandRows, brands.rows);
    });

    it('attaches products to leaf categories only and ranks them 1..N', async () => {
      const inTops = await database.db
        .selectFrom('products')
        .innerJoin('categories', 'categories.id', 'products.category_id')
        .select('products.id')
        .where('categories.depth', '!=', 1)
        .execute();
      assert.deepEqual(inTops, []);
      const ranks = await database.db
        .selectFrom('products')
        .select('sales_rank')
        .orderBy('sales_rank')
        .execute();
      assert.deepEqual(
        ranks.map((r) => r.sales_rank),
        ranks.map((_, i) => i + 1),
      );
    });

    it('leaves the change feed empty', async () => {
      const feed = await database.db.selectFrom('change_feed').selectAll().execute();
      assert.deepEqual(feed, []);
    });

    it('refuses to seed a database that already has products', async () => {
      await assert.rejects(seedCatalog(database, { products: 10, seed: 1 }), (error: unknown) => {
        assert.ok(error instanceof SeedError);
        assert.equal(error.code, 'YT_ERR_SEED');
        assert.equal(error.status, 409);
        assert.match(error.message, /already has products/);
        return true;
      });
    });
  });
}

describe('seedCatalog options', () => {
  // Validation comes before any query, so no database is needed to see it refuse.
  const nowhere = {} as Database;
  const cases: Array<[string, { products: number; seed: number }, RegExp]> = [
    ['zero products', { products: 0, seed: 1 }, /options\.products/],
    ['fractional products', { products: 1.5, seed: 1 }, /options\.products/],
    ['too many products', { products: 10_000_001, seed: 1 }, /options\.products/],
    ['NaN products', { products: Number.NaN, seed: 1 }, /options\.products/],
    ['a fractional seed', { products: 10, seed: 0.5 }, /options\.seed/],
    ['an unsafe seed', { products: 10, seed: 2 ** 60 }, /options\.seed/],
  ];
  for (const [name, options, message] of cases) {
    it(`rejects ${name}, naming the option`, async () => {
      await assert.rejects(seedCatalog(nowhere, options), { code: 'YT_ERR_BAD_REQUEST', message });
    });
  }
});
