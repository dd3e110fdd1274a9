import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { migrate, openDatabase, seedCatalog, type Database } from '../../db/index.js';
import { MemoryStore, ObjectCache } from '../../framework/index.js';
import { SearchClient, SearchServer } from '../../search/index.js';
import { captureLogs, PROJECT_ROOT, TEST_SITE_SECRET, TEST_TTL } from '../../testing/index.js';
import { createStoreApp } from '../store-app.js';

const XSS = '<script>alert(1)</script>';

describe('the search page through the search daemon', () => {
  let dir: string;
  let database: Database;
  let daemon: SearchServer;
  let client: SearchClient;
  const { log } = captureLogs();
  const storeWith = (search: SearchClient | undefined) =>
    createStoreApp({
      database,
      log,
      ttl: TEST_TTL,
      root: PROJECT_ROOT,
      templateReload: false,
      cache: new ObjectCache(new MemoryStore({ maxEntries: 10_000 })),
      search,
      siteSecret: TEST_SITE_SECRET,
    });
  let store: ReturnType<typeof storeWith>;
  const page = (url: string) => store.inject({ url });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-search-page-'));
    const url = `sqlite:${path.join(dir, 'store.db')}`;
    database = openDatabase(url);
    await migrate(database);
    await seedCatalog(database, { products: 2000, seed: 2000 });
    daemon = new SearchServer({ database, databaseUrl: url, dataDir: dir, threads: 1, log });
    await daemon.start();
    const port = await daemon.listen(0, '127.0.0.1');
    client = new SearchClient(`http://127.0.0.1:${port}`);
    store = storeWith(client);
  });
  after(async () => {
    await client.close();
    await daemon.close();
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows results with facets, sorts and pages, cacheable by the proxy', async () => {
    const res = await page('/search?q=book');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['cache-control']), /^public, s-maxage=\d+$/);
    assert.match(String(res.headers['surrogate-key']), /(^| )p\d+( |$)/);
    const body = String(res.body);
    assert.match(body, /Showing 1–24 of [\d,]+ products/);
    assert.equal((body.match(/class="product-card"/g) ?? []).length, 24);
    assert.match(body, /<option value="relevance" selected>Best match<\/option>/);
    assert.match(
      body,
      /aria-label="Narrow by category"[\s\S]*?href="\/search\?q=book&amp;category=[a-z-]+">[^<]+ \([\d,]+\)</,
    );
    assert.match(body, /<option value="[a-z0-9-]+">[^<]+ \(\d+\)<\/option>/, 'brands with counts');
    assert.match(body, /Under \$10<\/a> \(\d+\)/, 'price bands with counts');
    assert.match(body, /rel="next"/);
  });

  it('narrows by category and sorts as asked', async () => {
    const narrowed = await page('/search?q=book&category=picture-books&sort=price-asc');
    assert.equal(narrowed.status, 200);
    assert.match(String(narrowed.body), /In <a href="\/c\/picture-books">/);
    assert.match(String(narrowed.body), /<option value="price-asc" selected>/);
    const second = await page('/search?q=book&sort=price-desc&page=2');
    assert.equal(second.status, 200);
    assert.match(String(second.body), /Showing 25–48 of/);
    assert.match(
      String(second.body),
      /rel="prev" href="\/search\?q=book&amp;sort=price-desc"|href="\/search\?q=book&amp;sort=price-desc" rel="prev"/,
    );
  });

  it('shows the query escaped', async () => {
    const res = await page(`/search?q=${encodeURIComponent(XSS)}`);
    assert.equal(res.status, 200);
    assert.ok(!String(res.body).includes(XSS));
    assert.match(String(res.body), /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('suggests other searches when nothing matched', async () => {
    const res = await page('/search?q=nintendo+dinosuar');
    assert.equal(res.status, 200);
    const body = String(res.body);
    assert.match(body, /Nothing matched/);
    assert.match(body, /Did you mean:[\s\S]*href="\/search\?q=nintendo"/);
  });

  it('answers a page past the last result with an empty page, not an error', async () => {
    const res = await page('/search?q=dinosaur&page=300');
    assert.equal(res.status, 200);
    assert.match(String(res.body), /No more results[\s\S]*href="\/search\?q=dinosaur"/);
  });

  it('answers bad input with a 400 or a page, never a failure', async () => {
    const cases: [string, number[]][] = [
      ['/search', [200]],
      ['/search?q=', [200]],
      ['/search?q=%21%21%21', [200]],
      [`/search?q=${'x'.repeat(10_240)}`, [400]],
      ['/search?q=book&page=-1', [400]],
      ['/search?q=book&page=99999999', [400]],
      ['/search?q=book&brand=no-such-brand', [400]],
      ['/search?q=book&category=no-such-category', [400]],
      ['/search?q=book&sort=sideways', [400]],
      ['/search?q=book&min_price=abc', [400]],
      ['/search?q=a&q=b', [400]],
    ];
    for (const [url, statuses] of cases) {
      const res = await page(url);
      assert.ok(statuses.includes(res.status), `${url.slice(0, 60)} → ${res.status}`);
    }
  });

  describe('when the daemon is down or slow', () => {
    it('says search is resting within a second, and other pages carry on', async () => {
      const hung = http.createServer(() => undefined);
      await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
      const gone = http.createServer();
      await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
      const gonePort = (gone.address() as AddressInfo).port;
      await new Promise<void>((resolve) => gone.close(() => resolve()));
      const clients = [
        new SearchClient(`http://127.0.0.1:${(hung.address() as AddressInfo).port}`),
        new SearchClient(`http://127.0.0.1:${gonePort}`),
      ];
      try {
        for (const broken of clients) {
          const degraded = storeWith(broken);
          const started = performance.now();
          const res = await degraded.inject({ url: '/search?q=book' });
          const took = performance.now() - started;
          assert.equal(res.status, 503);
          assert.ok(took < 1000, `${took} ms`);
          assert.match(String(res.body), /Search is resting/);
          assert.equal(res.headers['cache-control'], 'private, no-store');
          assert.ok(res.headers['retry-after']);
          for (const url of ['/', '/s/books', '/p/1', '/c/picture-books']) {
            assert.equal((await degraded.inject({ url })).status, 200, url);
          }
        }
      } finally {
        await Promise.all(clients.map((c) => c.close()));
        hung.closeAllConnections();
        hung.close();
      }
    });
  });
});
