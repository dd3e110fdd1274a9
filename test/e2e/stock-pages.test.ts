import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/index.js';
import { placeOrder, TEST_CARDS, TestPaymentGateway } from '../../src/store/index.js';
import {
  fixtureDatabase,
  httpRequest as request,
  startStack,
  TEST_ADDRESS,
  TEST_TTL,
  waitFor,
  type FixtureDatabase,
  type Stack,
} from '../../src/testing/index.js';

const PRODUCT = 9;
const PAGE = `/p/${PRODUCT}`;

/** The product page through the proxy: whether it was a hit, its s-maxage and what it says of stock. */
async function page(port: number) {
  const res = await request(port, PAGE);
  return {
    hit: /; hit/.test(String(res.headers['cache-status'])),
    maxAge: Number(/s-maxage=(\d+)/.exec(String(res.headers['cache-control']))?.[1]),
    stock: /class="stock [\w-]+">([^<]+)</.exec(res.body)?.[1],
    canBuy: res.body.includes('action="/cart/items"'),
  };
}

describe('product pages through the proxy: cached long, purged when the stock shown changes', () => {
  let fixture: FixtureDatabase;
  let database: Database;
  let stack: Stack;
  let orders = 0;

  const buy = async (quantity: number) => {
    const outcome = await placeOrder(database, new TestPaymentGateway(), {
      sessionId: 'stock-pages',
      customerId: null,
      lines: [{ productId: PRODUCT, quantity }],
      address: TEST_ADDRESS,
      shippingMethod: 'standard',
      cardNumber: TEST_CARDS.approve,
      idempotencyKey: `stock-pages-${++orders}`,
    });
    assert.equal(outcome.kind, 'placed');
  };
  const shows = (stock: string) =>
    waitFor(
      async () => ((await page(stack.proxy.port)).stock === stock ? true : undefined),
      2000,
      `"${stock}" through the proxy`,
      25,
    );

  before(async () => {
    fixture = await fixtureDatabase('stock-pages');
    database = openDatabase(fixture.url);
    stack = await startStack({
      env: { DATABASE_URL: fixture.url, SITE_SECRET: 'stock-pages-test-secret', THROTTLE: 'off' },
      appEnv: { DATA_DIR: path.join(fixture.dir, 'app') },
      proxyEnv: { DATA_DIR: path.join(fixture.dir, 'proxy') },
    });
  });
  after(async () => {
    await stack?.stop();
    await database?.close();
    fixture?.remove();
  });

  it('caches a product page for the price time-to-live, not the inventory one', async () => {
    const first = await page(stack.proxy.port);
    assert.equal(first.stock, 'In stock');
    assert.ok(first.maxAge > TEST_TTL.inventory, `s-maxage=${first.maxAge}`);
    assert.ok(first.maxAge <= TEST_TTL.price, `s-maxage=${first.maxAge}`);
    assert.equal((await page(stack.proxy.port)).hit, true);
  });

  it('keeps serving the cached page when an order leaves the stock shown as it was', async () => {
    await buy(2); // 50 → 48: still "In stock"
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const now = await page(stack.proxy.port);
    assert.equal(now.hit, true);
    assert.equal(now.stock, 'In stock');
  });

  it('shows low stock, then sold out, on the next requests after the orders that cause them', async () => {
    await buy(44); // 48 → 4
    await shows('Only 4 left');
    await buy(4); // 4 → 0
    await shows('Out of stock');
    assert.equal((await page(stack.proxy.port)).canBuy, false, 'no "Add to cart" when sold out');
  });
});
