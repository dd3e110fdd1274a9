import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  captureLogs,
  injectTransport,
  insertCatalogFixture,
  Shopper,
  storeForTests,
  testDialects,
} from '../testing/index.js';
import type { Database } from '../db/index.js';

const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  line2: '',
  city: 'London',
  region: '',
  postcode: 'SW1Y 4JH',
  country: 'United Kingdom',
  shipping_method: 'standard',
};
const APPROVED = '4242 4242 4242 4242';
const DECLINED = '4000 0000 0000 0002';

for (const dialect of await testDialects()) {
  describe(`buying (${dialect.name})`, { skip: dialect.skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    const { log } = captureLogs();
    let app: ReturnType<typeof storeForTests>;
    const shopper = () => new Shopper(injectTransport(app));

    /** Checkout form → review → place, as a browser does it. */
    async function checkOut(buyer: Shopper, card = APPROVED) {
      const form = await buyer.get('/checkout');
      assert.equal(form.status, 200);
      const key = /name="idempotency_key" value="([^"]+)"/.exec(form.body)![1]!;
      const review = await buyer.post('/checkout/review', {
        ...ADDRESS,
        card_number: card,
        idempotency_key: key,
      });
      assert.equal(review.status, 200, review.body);
      const state = /name="state" value="([^"]+)"/.exec(review.body)![1]!;
      return { review, state, placed: await buyer.post('/checkout', { state }) };
    }

    before(async () => {
      ({ database, drop } = await dialect.create());
      await insertCatalogFixture(database);
      app = storeForTests(database, log);
    });
    after(() => drop());

    it('adds to the cart, changes and removes lines, and keeps the count cookie', async () => {
      const buyer = shopper();
      const empty = await buyer.get('/cart');
      assert.equal(empty.status, 200);
      assert.equal(empty.headers['cache-control'], 'private, no-store');
      assert.match(empty.body, /Your cart is empty/);
      assert.ok(buyer.sessionId, 'a session cookie was issued');
      const added = await buyer.post('/cart/items', { product_id: 3, quantity: 2 });
      assert.equal(added.status, 303);
      assert.equal(added.headers['location'], '/cart');
      await buyer.post('/cart/items', { product_id: 4 });
      assert.equal(buyer.cookies.get('cart_count'), '3');
      const cart = await buyer.get('/cart');
      assert.match(cart.body, /Fixture Galaxy Raiders 3/);
      assert.match(cart.body, /\$16\.00/, 'two at $8.00');
      await buyer.post('/cart/items/3', { quantity: 5 });
      assert.equal(buyer.cookies.get('cart_count'), '6');
      await buyer.post('/cart/items/4', { remove: 1 });
      assert.equal(buyer.cookies.get('cart_count'), '5');
      await buyer.post('/cart/items/3', { quantity: 0 });
      assert.equal(buyer.cookies.has('cart_count'), false, 'an empty cart clears the count');
      assert.match((await buyer.get('/cart')).body, /Your cart is empty/);
    });

    it('refuses bad cart input with a clear 400 and changes nothing', async () => {
      const buyer = shopper();
      await buyer.get('/cart');
      await buyer.post('/cart/items', { product_id: 3 });
      const bad: Record<string, string | number>[] = [
        { product_id: 'abc' },
        { product_id: 999_999 },
        { product_id: 3, quantity: 0 },
        { product_id: 3, quantity: 100 },
        { product_id: 3, quantity: '1e3' },
      ];
      for (const fields of bad) {
        const res = await buyer.post('/cart/items', fields);
        assert.equal(res.status, 400, JSON.stringify(fields));
        assert.match(res.body, /product|quantity/i);
      }
      const res = await buyer.post('/cart/items/3', { quantity: -1 });
      assert.equal(res.status, 400);
      assert.equal(buyer.cookies.get('cart_count'), '1');
    });

    it('registers, checks out with the test card, and shows the order in the history', async () => {
      const buyer = shopper();
      await buyer.get('/register');
      const registered = await buyer.post('/register', {
        name: 'Ada',
        email: `ada-${dialect.name}@example.com`,
        password: 'correct horse battery',
      });
      assert.equal(registered.status, 303);
      assert.equal(registered.headers['location'], '/account');
      await buyer.get('/cart');
      await buyer.post('/cart/items', { product_id: 3, quantity: 2 });
      const { review, placed } = await checkOut(buyer);
      assert.match(review.body, /Card ending 4242/);
      assert.doesNotMatch(review.body, /4242 4242|4242424242424242/, 'no card number in the page');
      assert.match(review.body, /\$21\.99/, '$16.00 + $5.99 standard shipping');
      assert.equal(placed.status, 303);
      const orderUrl = String(placed.headers['location']);
      assert.match(orderUrl, /^\/orders\/\d+$/);
      assert.equal(buyer.cookies.has('cart_count'), false);
      const order = await buyer.get(orderUrl);
      assert.equal(order.status, 200);
      assert.match(order.body, /data-order-status>paid</);
      assert.match(order.body, /ending 4242/);
      const account = await buyer.get('/account');
      assert.match(account.body, new RegExp(`href="${orderUrl}"`));
      assert.match((await buyer.get('/cart')).body, /Your cart is empty/);
      const stored = await database.db
        .selectFrom('payments')
        .select('card_last4')
        .where('order_id', '=', Number(orderUrl.split('/')[2]))
        .executeTakeFirstOrThrow();
      assert.equal(stored.card_last4, '4242', 'only the last four digits are stored');
    });

    it('shows a declined card its message and places nothing', async () => {
      const buyer = shopper();
      await buyer.get('/cart');
      await buyer.post('/cart/items', { product_id: 5 });
      const before = await database.db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const { placed } = await checkOut(buyer, DECLINED);
      assert.equal(placed.status, 402);
      assert.match(placed.body, /Your card was declined/);
      const after = await database.db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
      assert.equal(buyer.cookies.get('cart_count'), '1', 'the cart is kept');
    });

    it('places the order once when "Place order" is sent twice', async () => {
      const buyer = shopper();
      await buyer.get('/cart');
      await buyer.post('/cart/items', { product_id: 6 });
      const { state, placed } = await checkOut(buyer);
      const again = await buyer.post('/checkout', { state });
      assert.equal(again.status, 303);
      assert.equal(again.headers['location'], placed.headers['location']);
    });

    it('lists checkout problems per field, and sends an empty cart back to the cart', async () => {
      const buyer = shopper();
      assert.equal((await buyer.get('/checkout')).headers['location'], '/cart');
      await buyer.post('/cart/items', {
        product_id: 7,
        _csrf: (await buyer.get('/csrf-token')).body,
      });
      const form = await buyer.get('/checkout');
      const key = /name="idempotency_key" value="([^"]+)"/.exec(form.body)![1]!;
      const res = await buyer.post('/checkout/review', {
        ...ADDRESS,
        name: '',
        postcode: '',
        card_number: '1234',
        idempotency_key: key,
      });
      assert.equal(res.status, 400);
      for (const problem of [/name to deliver to/, /postcode/i, /12 to 19 digits/]) {
        assert.match(res.body, problem);
      }
    });

    it('refuses an order when stock ran out between review and placing it', async () => {
      const buyer = shopper();
      await buyer.get('/cart');
      await buyer.post('/cart/items', { product_id: 8, quantity: 3 });
      const form = await buyer.get('/checkout');
      const key = /name="idempotency_key" value="([^"]+)"/.exec(form.body)![1]!;
      const review = await buyer.post('/checkout/review', {
        ...ADDRESS,
        card_number: APPROVED,
        idempotency_key: key,
      });
      const state = /name="state" value="([^"]+)"/.exec(review.body)![1]!;
      await database.db
        .updateTable('inventory')
        .set({ on_hand: 1 })
        .where('product_id', '=', 8)
        .execute();
      const placed = await buyer.post('/checkout', { state });
      assert.equal(placed.status, 409);
      assert.match(placed.body, /sold out/);
    });

    it('keeps the cart, and accepts the form, after the session timed out', async () => {
      const buyer = shopper();
      await buyer.get('/cart');
      await buyer.post('/cart/items', { product_id: 9 });
      // Half an hour on cached pages, which never reach the app: the session times out.
      await database.db
        .updateTable('sessions')
        .set({ updated_at: Date.now() - 31 * 60_000 })
        .where('id', '=', buyer.sessionId!)
        .execute();
      app = storeForTests(database, log); // a server without the session in its cache
      const added = await buyer.post('/cart/items', { product_id: 10 });
      assert.equal(added.status, 303, added.body);
      const cart = await buyer.get('/cart');
      assert.match(cart.body, /data-product-id="9"/);
      assert.match(cart.body, /data-product-id="10"/);
    });

    it('answers 422 when an idempotency key comes back with a different order', async () => {
      const buyer = shopper();
      await buyer.get('/cart');
      await buyer.post('/cart/items', { product_id: 11 });
      const key = 'reused-key-0123456789abcdef';
      const fields = { ...ADDRESS, card_number: APPROVED, idempotency_key: key };
      const first = await buyer.post('/checkout', fields);
      assert.equal(first.status, 303, first.body);
      await buyer.post('/cart/items', { product_id: 12 });
      const reused = await buyer.post('/checkout', { ...fields, city: 'Paris' });
      assert.equal(reused.status, 422);
      assert.match(reused.body, /already used for a different order/);
    });
  });
}
