import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testDialects } from '../testing/index.js';
import { migrate, isEmpty, type Database } from './index.js';

const NOW = 1_790_000_000_000;

async function insertCatalogRoot(database: Database): Promise<void> {
  await database.db
    .insertInto('sections')
    .values({ id: 1, slug: 'toys', name: 'Toys', position: 1 })
    .execute();
  await database.db
    .insertInto('categories')
    .values({
      id: 1,
      section_id: 1,
      parent_id: null,
      slug: 'blocks',
      name: 'Blocks',
      path: '/1/',
      depth: 0,
      position: 1,
      updated_at: NOW,
    })
    .execute();
  await database.db.insertInto('brands').values({ id: 1, slug: 'acme', name: 'Acme' }).execute();
}

function product(id: number, brandId = 1) {
  return {
    id,
    sku: `SKU-${id}`,
    title: `Product ${id}`,
    description: 'A thing.',
    author: null,
    brand_id: brandId,
    category_id: 1,
    section_id: 1,
    price_cents: 1999,
    list_price_cents: 2499,
    age_min_months: 36,
    age_max_months: 96,
    rating: 4.5,
    review_count: 12,
    sales_rank: id,
    created_at: NOW,
    updated_at: NOW,
  };
}

for (const dialect of await testDialects()) {
  describe(`database contract (${dialect.name})`, { skip: dialect.skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    before(async () => {
      ({ database, drop } = await dialect.create());
      await insertCatalogRoot(database);
    });
    after(() => drop());

    it('migrates idempotently and starts empty', async () => {
      await migrate(database);
      assert.equal(await isEmpty(database), true);
    });

    it('round-trips products with millisecond times and cents as numbers', async () => {
      await database.db.insertInto('products').values(product(1)).execute();
      const row = await database.db
        .selectFrom('products')
        .selectAll()
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, product(1));
      assert.equal(await isEmpty(database), false);
    });

    it('enforces foreign keys', async () => {
      await assert.rejects(database.db.insertInto('products').values(product(2, 999)).execute());
    });

    it('never lets inventory go below zero', async () => {
      await database.db
        .insertInto('inventory')
        .values({ product_id: 1, on_hand: 3, reserved: 0, updated_at: NOW })
        .execute();
      await assert.rejects(
        database.db
          .updateTable('inventory')
          .set((eb) => ({ on_hand: eb('on_hand', '-', 5) }))
          .where('product_id', '=', 1)
          .execute(),
      );
      const row = await database.db
        .selectFrom('inventory')
        .select('on_hand')
        .where('product_id', '=', 1)
        .executeTakeFirstOrThrow();
      assert.equal(row.on_hand, 3);
    });

    it('rolls back a change and its change-feed row together', async () => {
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await trx.updateTable('products').set({ price_cents: 1 }).where('id', '=', 1).execute();
          await trx
            .insertInto('change_feed')
            .values({ topic: 'product', key: '1', version: 2, created_at: NOW })
            .execute();
          throw new Error('abort');
        }),
      );
      const row = await database.db
        .selectFrom('products')
        .select('price_cents')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      assert.equal(row.price_cents, 1999);
      const feed = await database.db.selectFrom('change_feed').selectAll().execute();
      assert.equal(feed.length, 0);
    });

    it('generates increasing ids for orders and the change feed', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) {
        const row = await database.db
          .insertInto('change_feed')
          .values({ topic: 'product', key: String(i), version: 1, created_at: NOW })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(row.id);
      }
      assert.ok(ids[0]! < ids[1]! && ids[1]! < ids[2]!, `ids ${ids.join(',')}`);
    });
  });
}
