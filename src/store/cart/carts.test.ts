import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../db/index.js';
import { MemoryStore, ModelInputError, ObjectCache } from '../../framework/index.js';
import { insertCatalogFixture, testDialects } from '../../testing/index.js';
import { Carts } from './carts.js';

for (const dialect of await testDialects()) {
  describe(`carts (${dialect.name})`, { skip: dialect.skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    before(async () => {
      ({ database, drop } = await dialect.create());
      await insertCatalogFixture(database);
    });
    after(() => drop());
    const carts = () => new Carts(database, new ObjectCache(new MemoryStore({ maxEntries: 100 })));

    it('adds, changes and removes lines, and another server reads the same cart from the database', async () => {
      const mine = carts();
      await mine.add('s1', 3, 2);
      await mine.add('s1', 3, 1);
      await mine.add('s1', 5, 1);
      assert.deepEqual(await mine.setQuantity('s1', 5, 4), [
        { productId: 3, quantity: 3 },
        { productId: 5, quantity: 4 },
      ]);
      assert.deepEqual(await mine.setQuantity('s1', 3, 0), [{ productId: 5, quantity: 4 }]);
      assert.deepEqual(
        await carts().lines('s1'),
        [{ productId: 5, quantity: 4 }],
        'a fresh cache reads it back',
      );
    });

    it('caps quantities and refuses bad ones', async () => {
      const mine = carts();
      assert.deepEqual(await mine.add('s2', 3, 99), [{ productId: 3, quantity: 99 }]);
      assert.deepEqual(await mine.add('s2', 3, 5), [{ productId: 3, quantity: 99 }]);
      await assert.rejects(mine.add('s2', 3, 0), ModelInputError);
      await assert.rejects(mine.add('s2', 3, 100), ModelInputError);
      await assert.rejects(mine.add('s2', -1, 1), ModelInputError);
      await assert.rejects(
        mine.add('s2', 999_999, 1),
        'an unknown product is refused by the foreign key',
      );
    });

    it('carries a cart to a new session id at login', async () => {
      const mine = carts();
      await mine.add('before-login', 6, 1);
      await mine.move('before-login', 'after-login', null);
      assert.deepEqual(await mine.lines('after-login'), [{ productId: 6, quantity: 1 }]);
      assert.deepEqual(await mine.lines('before-login'), []);
    });
  });
}
