import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../db/index.js';
import { MemoryStore, ObjectCache } from '../../framework/index.js';
import { insertCatalogFixture, TEST_ADDRESS, testDialects } from '../../testing/index.js';
import { Carts } from '../cart/carts.js';
import { TEST_CARDS, TestPaymentGateway } from './payment-gateway.js';
import { placeOrder, type OrderRequest } from './place-order.js';

const gateway = new TestPaymentGateway();

function request(key: string, overrides: Partial<OrderRequest> = {}): OrderRequest {
  return {
    sessionId: `session-${key}`,
    customerId: null,
    lines: [{ productId: 3, quantity: 1 }],
    address: TEST_ADDRESS,
    shippingMethod: 'standard',
    cardNumber: TEST_CARDS.approve,
    idempotencyKey: key,
    ...overrides,
  };
}

async function stockOf(database: Database, id: number): Promise<number> {
  const row = await database.db
    .selectFrom('inventory')
    .select('on_hand')
    .where('product_id', '=', id)
    .executeTakeFirstOrThrow();
  return row.on_hand;
}

async function orderCount(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const dialect of await testDialects()) {
  describe(`placing orders (${dialect.name})`, { skip: dialect.skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    before(async () => {
      ({ database, drop } = await dialect.create());
      await insertCatalogFixture(database);
    });
    after(() => drop());

    it('1,000 concurrent checkouts of a product with 10 in stock make exactly 10 orders and leave 0', async () => {
      await database.db
        .updateTable('inventory')
        .set({ on_hand: 10 })
        .where('product_id', '=', 3)
        .execute();
      const outcomes = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => placeOrder(database, gateway, request(`rush-${i}`))),
      );
      assert.equal(outcomes.filter((o) => o.kind === 'placed').length, 10);
      assert.equal(outcomes.filter((o) => o.kind === 'out-of-stock').length, 990);
      assert.equal(await stockOf(database, 3), 0);
      assert.equal(await orderCount(database), 10);
      const paid = await database.db
        .selectFrom('payments')
        .select(['card_last4', 'status'])
        .execute();
      assert.equal(paid.length, 10);
      assert.ok(paid.every((p) => p.card_last4 === '4242' && p.status === 'authorized'));
    });

    it('one idempotency key sent 50 times at once makes 1 order and 50 identical answers', async () => {
      const before = await orderCount(database);
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, () =>
          placeOrder(
            database,
            gateway,
            request('same-key', { lines: [{ productId: 5, quantity: 2 }] }),
          ),
        ),
      );
      assert.equal(await orderCount(database), before + 1);
      assert.equal(outcomes[0]!.kind, 'placed');
      for (const outcome of outcomes) assert.deepEqual(outcome, outcomes[0]);
    });

    it('refuses a used key with a different request', async () => {
      const outcome = await placeOrder(
        database,
        gateway,
        request('same-key', { lines: [{ productId: 5, quantity: 3 }] }),
      );
      assert.deepEqual(outcome, { kind: 'key-reused' });
    });

    it('a declined card places nothing and takes no stock', async () => {
      const before = await stockOf(database, 6);
      const ordersBefore = await orderCount(database);
      const outcome = await placeOrder(
        database,
        gateway,
        request('declined', {
          lines: [{ productId: 6, quantity: 1 }],
          cardNumber: TEST_CARDS.decline,
        }),
      );
      assert.equal(outcome.kind, 'declined');
      assert.equal(await stockOf(database, 6), before);
      assert.equal(await orderCount(database), ordersBefore);
      const retry = await placeOrder(
        database,
        gateway,
        request('declined', {
          lines: [{ productId: 6, quantity: 1 }],
          cardNumber: TEST_CARDS.decline,
        }),
      );
      assert.equal(retry.kind, 'declined', 'a declined attempt does not use up its key');
    });

    it("empties the session's cart in the order's transaction, and only when it is placed", async () => {
      const carts = () => new Carts(database, new ObjectCache(new MemoryStore({ maxEntries: 10 })));
      const mine = carts();
      const line = { productId: 7, quantity: 2 };
      await mine.add('session-with-cart', line.productId, line.quantity);
      const order = (key: string, cardNumber: string) =>
        placeOrder(
          database,
          gateway,
          request(key, { sessionId: 'session-with-cart', lines: [line], cardNumber }),
          mine,
        );
      assert.equal((await order('cart-declined', TEST_CARDS.decline)).kind, 'declined');
      assert.deepEqual(await carts().lines('session-with-cart'), [line], 'kept when declined');
      assert.equal((await order('cart-placed', TEST_CARDS.approve)).kind, 'placed');
      assert.deepEqual(await mine.lines('session-with-cart'), [], 'emptied in the cache');
      assert.deepEqual(await carts().lines('session-with-cart'), [], 'emptied in the database');
      const announced = await database.db
        .selectFrom('change_feed')
        .select('key')
        .where('topic', '=', 'cart')
        .where('key', '=', 'session-with-cart')
        .execute();
      assert.equal(announced.length, 2, 'the add and the emptying are on the change feed');
    });

    it('reports unknown products', async () => {
      assert.deepEqual(
        await placeOrder(
          database,
          gateway,
          request('ghost', { lines: [{ productId: 99_999, quantity: 1 }] }),
        ),
        {
          kind: 'unknown-product',
          productIds: [99_999],
        },
      );
    });

    it('appends a change-feed row (which purges pages) only when the stock shown changes', async () => {
      const rows = async (id: number) =>
        (
          await database.db
            .selectFrom('change_feed')
            .select('id')
            .where('topic', '=', 'product')
            .where('key', '=', String(id))
            .execute()
        ).length;
      await database.db
        .updateTable('inventory')
        .set({ on_hand: 7 })
        .where('product_id', '=', 9)
        .execute();
      const order = (key: string, quantity: number) =>
        placeOrder(database, gateway, request(key, { lines: [{ productId: 9, quantity }] }));
      assert.equal((await order('still-in-stock', 2)).kind, 'placed');
      assert.equal(await rows(9), 0, '7 → 5 left: still "In stock"');
      assert.equal((await order('low-stock', 1)).kind, 'placed');
      assert.equal(await rows(9), 1, '5 → 4 left: "Only 4 left"');
      assert.equal((await order('sold-out', 4)).kind, 'placed');
      assert.equal(await rows(9), 2, '4 → 0: "Out of stock"');
    });
  });
}
