import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Database } from '../../db/index.js';
import { insertCatalogFixture, testDialects } from '../../testing/index.js';
import { TEST_CARDS, TestPaymentGateway } from '../checkout/payment-gateway.js';
import { placeOrder } from '../checkout/place-order.js';
import { Orders } from './orders.js';

for (const dialect of await testDialects()) {
  describe(`orders (${dialect.name})`, { skip: dialect.skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    let orders: Orders;
    let key = 0;

    async function newOrder(customerId: number | null = null): Promise<number> {
      const outcome = await placeOrder(database, new TestPaymentGateway(), {
        sessionId: 'orders-test',
        customerId,
        lines: [
          { productId: 3, quantity: 1 },
          { productId: 4, quantity: 2 },
        ],
        address: {
          name: 'A',
          line1: '1 Lane',
          line2: '',
          city: 'C',
          region: '',
          postcode: '1',
          country: 'US',
        },
        shippingMethod: 'express',
        cardNumber: TEST_CARDS.approve,
        idempotencyKey: `orders-test-key-${++key}`,
      });
      assert.equal(outcome.kind, 'placed');
      return outcome.kind === 'placed' ? outcome.orderId : 0;
    }

    before(async () => {
      ({ database, drop } = await dialect.create());
      await insertCatalogFixture(database);
      orders = new Orders(database);
    });
    after(() => drop());

    it('reads an order back with its lines, totals and the card’s last four digits', async () => {
      const order = await orders.byId(await newOrder());
      assert.equal(order?.status, 'paid');
      assert.deepEqual(
        order?.lines.map((line) => [line.productId, line.quantity]),
        [
          [3, 1],
          [4, 2],
        ],
      );
      assert.equal(order?.totalCents, order!.subtotalCents + 1499);
      assert.equal(order?.cardLast4, '4242');
      assert.equal(await orders.byId(999_999), undefined);
    });

    it("finds an order's payment through an index, not by reading every payment", async () => {
      const plan =
        dialect.name === 'sqlite'
          ? await sql<{ detail: string }>`explain query plan select card_last4 from payments
              where order_id = 1 order by id desc`.execute(database.db)
          : await sql<{ detail: string }>`select indexdef as detail from pg_indexes
              where tablename = 'payments'`.execute(database.db);
      assert.match(plan.rows.map((row) => row.detail).join('\n'), /payments_order/);
    });

    it('moves orders only along the transition table', async () => {
      const id = await newOrder();
      assert.deepEqual(await orders.move(id, 'delivered'), { kind: 'not-allowed', from: 'paid' });
      assert.deepEqual(await orders.move(id, 'shipped'), { kind: 'moved' });
      assert.deepEqual(await orders.move(id, 'cancelled'), {
        kind: 'not-allowed',
        from: 'shipped',
      });
      assert.deepEqual(await orders.move(id, 'delivered'), { kind: 'moved' });
      assert.deepEqual(await orders.move(999_999, 'shipped'), { kind: 'not-found' });
    });

    it('lets only one of two concurrent moves win', async () => {
      const id = await newOrder();
      const outcomes = await Promise.all([
        orders.move(id, 'shipped'),
        orders.move(id, 'cancelled'),
      ]);
      assert.equal(outcomes.filter((o) => o.kind === 'moved').length, 1);
      const status = (await orders.byId(id))?.status;
      assert.ok(status === 'shipped' || status === 'cancelled');
    });
  });
}
