import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/db/index.js';
import { MemoryStore, ObjectCache } from '../../src/framework/index.js';
import { Catalog } from '../../src/store/index.js';
import {
  externalAddress,
  fixtureDatabase,
  httpRequest as request,
  startStack,
  TEST_TTL,
  waitFor,
  type FixtureDatabase,
  type RunningProcess,
  type Stack,
} from '../../src/testing/index.js';

const ADMIN_TOKEN = 'purge-test-admin-token';

/** What the page cache did for `target`: "hit" or the forward reason. */
async function cacheOutcome(port: number, target: string): Promise<string> {
  const status = String((await request(port, target)).headers['cache-status']);
  return /; hit/.test(status) ? 'hit' : (/fwd=([\w-]+)/.exec(status)?.[1] ?? status);
}

/** Milliseconds until `check` holds, polling; rejects after `limitMs`. */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  await waitFor(async () => ((await check()) ? true : undefined), limitMs, 'the check', 25);
  return performance.now() - started;
}

describe('proxy process: purges', () => {
  let fixture: FixtureDatabase;
  let database: Database;
  let stack: Stack;
  let app: RunningProcess;
  let proxy: RunningProcess;

  before(async () => {
    fixture = await fixtureDatabase('proxy-purge');
    database = openDatabase(fixture.url);
    stack = await startStack({
      env: { DATABASE_URL: fixture.url, SITE_SECRET: 'proxy-purge-test-secret', THROTTLE: 'off' },
      appEnv: { DATA_DIR: path.join(fixture.dir, 'app') },
      proxyEnv: { DATA_DIR: path.join(fixture.dir, 'proxy'), ADMIN_TOKEN },
      proxyArgs: ['--host', '0.0.0.0'],
    });
    app = stack.apps[0]!;
    proxy = stack.proxy;
  });
  after(async () => {
    await stack?.stop();
    await database?.close();
    fixture?.remove();
  });

  it('refuses PURGE from another host without the admin token', async (t) => {
    const address = externalAddress();
    if (!address) return t.skip('this machine has no address but loopback');
    await request(proxy.port, '/p/5');
    assert.equal(await cacheOutcome(proxy.port, '/p/5'), 'hit');
    const refused = await request(proxy.port, '/p/5', { method: 'PURGE', host: address });
    assert.equal(refused.status, 403);
    const wrong = await request(proxy.port, '/p/5', {
      method: 'PURGE',
      host: address,
      headers: { authorization: 'Bearer not-the-token' },
    });
    assert.equal(wrong.status, 403);
    assert.equal(await cacheOutcome(proxy.port, '/p/5'), 'hit', 'still cached');
  });

  it('makes the next request a miss after an authorised PURGE, from loopback or with the token', async (t) => {
    await request(proxy.port, '/p/6');
    assert.equal(await cacheOutcome(proxy.port, '/p/6'), 'hit');
    const purged = await request(proxy.port, '/p/6', { method: 'PURGE' });
    assert.equal(purged.status, 200);
    assert.deepEqual(JSON.parse(purged.body), { purged: 1, url: '/p/6' });
    assert.equal(await cacheOutcome(proxy.port, '/p/6'), 'uri-miss');

    const address = externalAddress();
    if (!address) return t.skip('this machine has no address but loopback');
    assert.equal(await cacheOutcome(proxy.port, '/p/6'), 'hit');
    const withToken = await request(proxy.port, '/p/6', {
      method: 'PURGE',
      host: address,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    assert.equal(withToken.status, 200);
    assert.equal(await cacheOutcome(proxy.port, '/p/6'), 'uri-miss');
  });

  it('purges by surrogate key every page that shows a product', async () => {
    // The app tags a product page with its product (p7) and the listings that show it too.
    const direct = await request(app.port, '/p/7');
    assert.match(String(direct.headers['surrogate-key']), /\bp7\b/);
    await request(proxy.port, '/p/7');
    assert.equal(await cacheOutcome(proxy.port, '/p/7'), 'hit');
    const purged = await request(proxy.port, '/', {
      method: 'PURGE',
      headers: { 'surrogate-key': 'p7' },
    });
    assert.equal(purged.status, 200);
    assert.ok(JSON.parse(purged.body).purged >= 1);
    assert.equal(await cacheOutcome(proxy.port, '/p/7'), 'uri-miss');
  });

  it('purges the pages of a product saved through the model, from the change feed', async () => {
    const listing = '/s/games';
    const shows = await request(app.port, listing);
    assert.match(
      String(shows.headers['surrogate-key']),
      /\bp3\b/,
      'the section page shows product 3',
    );
    for (const page of ['/p/3', listing]) {
      await request(proxy.port, page);
      assert.equal(await cacheOutcome(proxy.port, page), 'hit', page);
    }
    const writer = new Catalog(
      database,
      TEST_TTL,
      new ObjectCache(new MemoryStore({ maxEntries: 100 })),
    );
    assert.equal(await writer.saveProduct(3, { title: 'Renamed Galaxy Raiders' }), true);
    const ms = await within(2000, async () =>
      /Renamed Galaxy Raiders/.test((await request(proxy.port, '/p/3')).body),
    );
    assert.ok(ms < 2000, `new title seen through the proxy in ${ms.toFixed(0)} ms`);
    await within(2000, async () =>
      /Renamed Galaxy Raiders/.test((await request(proxy.port, listing)).body),
    );
    // The second purge, a second later, must not leave an old copy behind.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.match((await request(proxy.port, '/p/3')).body, /Renamed Galaxy Raiders/);
  });
});
