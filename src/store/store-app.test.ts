import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  captureLogs,
  insertCatalogFixture,
  storeForTests,
  testDialects,
  XSS_TITLE,
} from '../testing/index.js';
import type { Database } from '../db/index.js';

const PUBLIC_PAGES = [
  '/',
  '/s/toys',
  '/s/books',
  '/c/building-toys',
  '/c/wooden-blocks',
  '/p/3',
  '/search?q=fixture',
];

for (const dialect of await testDialects()) {
  describe(`storefront (${dialect.name})`, { skip: dialect.skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    const { log, lines } = captureLogs();
    let app: ReturnType<typeof storeForTests>;
    const get = (url: string) => app.inject({ url });

    before(async () => {
      ({ database, drop } = await dialect.create());
      await insertCatalogFixture(database);
      app = storeForTests(database, log);
    });
    after(() => drop());

    it('answers every browsing route with a cacheable page', async () => {
      for (const url of PUBLIC_PAGES) {
        const res = await get(url);
        assert.equal(res.status, 200, url);
        assert.ok(/^text\/html/.test(String(res.headers['content-type'])), url);
        assert.ok(/^public, s-maxage=\d+$/.test(String(res.headers['cache-control'])), url);
        assert.ok(
          !Number.isNaN(Date.parse(String(res.headers['last-modified']))),
          `${url} Last-Modified`,
        );
        assert.ok(/<h1[ >]/.test(String(res.body)), url);
      }
    });

    it('caches a product page for its price time-to-live (stock changes purge it), keyed by what it shows', async () => {
      const res = await get('/p/3');
      const maxAge = Number(/s-maxage=(\d+)/.exec(String(res.headers['cache-control']))?.[1]);
      assert.ok(
        maxAge > 15 && maxAge <= 300,
        `s-maxage ${maxAge} outlives the inventory time-to-live, within the price one`,
      );
      assert.ok(/(^| )p3( |$)/.test(String(res.headers['surrogate-key'])));
      assert.ok(/<h1>Fixture Galaxy Raiders 3<\/h1>/.test(String(res.body)));
    });

    it('shows a product titled with a script tag escaped on every page that lists it', async () => {
      for (const url of ['/', '/s/toys', '/c/construction-sets', '/p/1', '/search?q=script']) {
        const body = String((await get(url)).body);
        assert.ok(!body.includes(XSS_TITLE), `${url} contains the raw title`);
        assert.ok(
          body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'),
          `${url} shows the escaped title`,
        );
      }
    });

    it('gives unknown products, categories, sections and paths the 404 page', async () => {
      for (const url of [
        '/p/999999',
        '/p/abc',
        '/p/0',
        '/p/1e3',
        '/p/99999999999999',
        '/c/nope',
        '/s/garden',
        '/nowhere',
        '/img/p/x.svg',
      ]) {
        const res = await get(url);
        assert.equal(res.status, 404, url);
        assert.ok(/could(n’t| not) find/.test(String(res.body)), url);
      }
    });

    it('answers bad input with 400 or 404, never 500', async () => {
      const cases: [string, number][] = [
        ['/c/wooden-blocks?page=abc', 400],
        ['/c/wooden-blocks?page=0', 400],
        ['/c/wooden-blocks?page=350', 404],
        ['/c/wooden-blocks?page=99999999', 400],
        ['/c/wooden-blocks?sort=bogus', 400],
        ['/c/wooden-blocks?sort=newest&sort=rating', 400],
        ['/c/wooden-blocks?brand=nobody', 400],
        ['/c/wooden-blocks?min_price=abc', 400],
        ['/c/wooden-blocks?min_price=50&max_price=10', 400],
        ['/c/wooden-blocks?age=200', 400],
        [`/search?q=${'x'.repeat(300)}`, 400],
        ['/search?q=a&q=b', 400],
        ['/search?category=nope', 400],
        ['/search?page=-1', 400],
      ];
      for (const [url, status] of cases) {
        const res = await get(url);
        assert.equal(res.status, status, url);
        assert.ok(/<h1>/.test(String(res.body)), url);
      }
      assert.equal((await get('/search?q=%25%25%25!!!')).status, 200);
      assert.equal((await get('/c/wooden-blocks?utm_source=mail')).status, 200);
    });

    it('sorts, filters and paginates a category', async () => {
      const cheap = String((await get('/c/building-toys?sort=price-asc')).body);
      const dear = String((await get('/c/building-toys?sort=price-desc')).body);
      const firstTitle = (body: string) => /product-card__title">([^<]+)</.exec(body)?.[1];
      assert.equal(firstTitle(cheap), '&lt;script&gt;alert(1)&lt;/script&gt;');
      assert.equal(firstTitle(dear), 'Fixture Wooden Train 60');
      const inStock = String((await get('/c/wooden-blocks?in_stock=1')).body);
      assert.ok(!/Out of stock/.test(inStock));
      const branded = String((await get('/c/building-toys?brand=acme-toys')).body);
      assert.ok(/Showing 1–\d+ of \d+ products/.test(branded));
      const page2 = await get('/c/building-toys?page=2');
      assert.equal(page2.status, 404, 'the fixture has one page of building toys');
    });

    it('shows a category page without its brand filter rather than wait long for the counts', async () => {
      const { catalog } = app.services;
      const counts = catalog.brandCounts;
      const brands = /id="filter-brand"/;
      assert.match(String((await get('/c/building-toys?sort=newest')).body), brands);
      catalog.brandCounts = () => new Promise((resolve) => setTimeout(() => resolve([]), 2000));
      try {
        const started = performance.now();
        const res = await get('/c/building-toys?sort=rating');
        assert.ok(performance.now() - started < 1000, 'answered without the counts');
        assert.equal(res.status, 200);
        assert.match(String(res.body), /product-card__title/);
        assert.doesNotMatch(String(res.body), brands);
        assert.equal(res.headers['cache-control'], 'public, s-maxage=5');
      } finally {
        catalog.brandCounts = counts;
      }
    });

    it('gives the books section its own header while sharing the rest', async () => {
      const books = String((await get('/s/books')).body);
      const toys = String((await get('/s/toys')).body);
      assert.ok(/data-section-header="books"/.test(books));
      assert.ok(!/data-section-header="books"/.test(toys));
      assert.ok(/class="site-footer"/.test(books));
      assert.ok(
        /data-section-header="books"/.test(String((await get('/p/7')).body)),
        'a book page uses the bookstore look',
      );
    });

    it('serves placeholder images and static files', async () => {
      const image = await get('/img/p/7.svg');
      assert.equal(image.status, 200);
      assert.equal(image.headers['content-type'], 'image/svg+xml');
      assert.ok(/^<svg/.test(String(image.body)));
      const css = await get('/static/css/store.css');
      assert.equal(css.status, 200);
      const again = await app.inject({
        url: '/static/css/store.css',
        headers: { 'if-none-match': String(css.headers['etag']) },
      });
      assert.equal(again.status, 304);
      assert.equal((await get('/static/../package.json')).status, 404);
    });

    it('answers health checks', async () => {
      const res = await get('/__health');
      assert.equal(res.status, 200);
    });

    it('shows the 500 page with only the request id, and logs the stack, when the database fails', async () => {
      const broken = await dialect.create();
      await insertCatalogFixture(broken.database);
      const failing = storeForTests(broken.database, log);
      await broken.drop();
      const res = await failing.inject({ url: '/p/3' });
      assert.equal(res.status, 500);
      assert.ok(/test-request/.test(String(res.body)));
      assert.ok(
        !/closed|sqlite|postgres|pool|\n\s+at /i.test(String(res.body)),
        'the page shows no error detail',
      );
      const logged = lines().filter((line) => line['msg'] === 'request failed');
      assert.ok(
        logged.some((line) => /\n\s+at /.test(String((line['err'] as { stack?: string })?.stack))),
      );
      assert.equal((await failing.inject({ url: '/__health' })).status, 503);
    });
  });
}
