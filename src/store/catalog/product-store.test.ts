import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { seedCatalog, type Database } from '../../db/index.js';
import { testDialects } from '../../testing/index.js';
import { ProductStore } from './product-store.js';

for (const dialect of await testDialects()) {
  describe(`ProductStore.fetchParts (${dialect.name})`, { skip: dialect.skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    let store: ProductStore;
    before(async () => {
      ({ database, drop } = await dialect.create());
      await seedCatalog(database, { products: 50, seed: 7 });
      store = new ProductStore(database);
    });
    after(() => drop());

    it('answers each call with its own ids, when the same shape of query is reused', async () => {
      for (const ids of [[1, 2, 3], [4, 5, 6], [7], [8, 9, 10], [50, 51]]) {
        const found = await store.fetchParts(ids, ['core', 'price']);
        const titles = await database.db
          .selectFrom('products')
          .select(['id', 'title', 'price_cents'])
          .where('id', 'in', ids)
          .execute();
        assert.deepEqual(
          [...found.keys()].sort((a, b) => a - b),
          titles.map((row) => row.id).sort((a, b) => a - b),
        );
        for (const row of titles) {
          assert.equal(found.get(row.id)?.core?.value.title, row.title);
          assert.equal(found.get(row.id)?.price?.value.priceCents, row.price_cents);
          assert.equal(found.get(row.id)?.inventory, undefined, 'only the parts asked for');
        }
      }
    });

    it('gives each set of parts its own columns', async () => {
      const inventory = await store.fetchParts([1, 2], ['inventory']);
      const all = await store.fetchParts([1, 2], ['core', 'price', 'inventory']);
      for (const id of [1, 2]) {
        assert.equal(inventory.get(id)?.core, undefined);
        assert.deepEqual(inventory.get(id)?.inventory, all.get(id)?.inventory);
        assert.equal(typeof all.get(id)?.inventory?.value.onHand, 'number');
      }
    });
  });
}
