import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, migrate } from '../../src/db/index.js';
import {
  httpTransport,
  insertCatalogFixture,
  Shopper,
  startYuletide,
  type RunningProcess,
} from '../../src/testing/index.js';

const CLIENTS = 200;
/** Fixture products that are in stock (product 2 is not). */
const PRODUCTS = Array.from({ length: 58 }, (_, i) => i + 3);

/**
 * The paper's promise for carts: every update is written to the database as well as the cache, so
 * a dead app server loses nothing. 200 shoppers keep adding to their carts through the proxy while
 * one of the two app servers is killed with SIGKILL; afterwards every line that was answered with
 * success is in the cart, read back through the surviving server.
 */
describe('cart failover: kill -9 of an app server while 200 shoppers add to their carts', () => {
  let dir: string;
  const apps: RunningProcess[] = [];
  let proxy: RunningProcess;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-cart-failover-'));
    const url = `sqlite:${path.join(dir, 'store.db')}`;
    const database = openDatabase(url);
    await migrate(database);
    await insertCatalogFixture(database);
    await database.close();
    const env = {
      DATA_DIR: dir,
      DATABASE_URL: url,
      SITE_SECRET: 'cart-failover-secret-0123456789',
      THROTTLE: 'off',
    };
    for (let i = 0; i < 2; i++) apps.push(await startYuletide(['app', '--port', '0'], env));
    const upstreams = apps.map((app) => `http://127.0.0.1:${app.port}`).join(',');
    proxy = await startYuletide(['proxy', '--port', '0', '--upstream', upstreams], env);
  });
  after(async () => {
    await Promise.all([proxy, ...apps].map((p) => p?.stop('SIGKILL')));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every cart line that was answered with success', async (t) => {
    const transport = httpTransport(`http://127.0.0.1:${proxy.port}`);
    const shoppers = Array.from({ length: CLIENTS }, () => new Shopper(transport));
    // Each shopper gets its session and CSRF token as a browser does, from a page.
    await Promise.all(shoppers.map((shopper) => shopper.get('/cart')));
    const confirmed = shoppers.map(() => new Map<number, number>());
    let failed = 0;
    let adds = 0;
    let running = true;
    const shopping = shoppers.map(async (shopper, i) => {
      for (let n = i; running; n++) {
        const productId = PRODUCTS[n % PRODUCTS.length]!;
        const res = await shopper
          .post('/cart/items', { product_id: productId })
          .catch(() => undefined);
        if (res?.status === 303) {
          adds++;
          confirmed[i]!.set(productId, (confirmed[i]!.get(productId) ?? 0) + 1);
        } else {
          failed++;
        }
      }
    });

    // Kill once every shopper has a line or two, then shop on until as many again succeed, so the
    // test measures the same on a busy machine as on a quiet one.
    await until(() => adds >= CLIENTS * 2);
    const before = adds;
    apps[0]!.child.kill('SIGKILL');
    await until(() => adds >= before + CLIENTS * 2);
    running = false;
    await Promise.all(shopping);

    let lost = 0;
    let checked = 0;
    await Promise.all(
      shoppers.map(async (shopper, i) => {
        const cart = await shopper.get('/cart');
        assert.equal(cart.status, 200);
        const lines = new Map(
          [
            ...cart.body.matchAll(/data-product-id="(\d+)"[\s\S]*?name="quantity" value="(\d+)"/g),
          ].map((m) => [Number(m[1]), Number(m[2])]),
        );
        for (const [productId, adds] of confirmed[i]!) {
          checked += adds;
          if ((lines.get(productId) ?? 0) < adds) lost++;
        }
      }),
    );
    t.diagnostic(
      `${checked} confirmed adds (${before} before the kill), ${failed} failed during the kill, ${lost} lost`,
    );
    assert.equal(lost, 0, 'no confirmed cart line was lost');
  });
});

/** Resolves once `done()` holds; fails the test after 60 s. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('the shoppers made too little progress');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
