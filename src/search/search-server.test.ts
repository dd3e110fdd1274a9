import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appendChange, seedCatalog, type Database } from '../db/index.js';
import type { AppResponse } from '../framework/index.js';
import { captureLogs, testDialects } from '../testing/index.js';
import { SearchServer } from './search-server.js';

const PRODUCTS = 2000;

interface Answer {
  total: number;
  ids: number[];
  took_ms: number;
  facets: { price: { count: number }[] };
}

/** A GET through the daemon's routes, without a socket. */
function get(server: SearchServer, url: string): Promise<AppResponse> {
  const parsed = new URL(url, 'http://search');
  return server.handle({
    method: 'GET',
    path: parsed.pathname,
    query: parsed.searchParams,
    headers: {},
    body: Buffer.alloc(0),
    requestId: 'test',
    remoteAddress: '127.0.0.1',
  });
}

async function search(server: SearchServer, query: string): Promise<Answer> {
  const response = await get(server, `/search?${query}`);
  assert.equal(response.status, 200, String(response.body));
  return JSON.parse(String(response.body)) as Answer;
}

/** Polls `check` until it holds; resolves to how long that took, or rejects after `limitMs`. */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

for (const dialect of await testDialects()) {
  describe(`search daemon (${dialect.name})`, { skip: dialect.skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    let url: string;
    let dataDir: string;
    let server: SearchServer;
    const { log } = captureLogs();

    before(async () => {
      ({ database, drop, url } = await dialect.create());
      await seedCatalog(database, { products: PRODUCTS, seed: 2000 });
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-search-data-'));
      server = new SearchServer({ database, databaseUrl: url, dataDir, threads: 2, log });
      const loaded = await server.start();
      assert.equal(loaded.source, 'database');
    });
    after(async () => {
      await server.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('answers { total, ids, facets, took_ms } and its health', async () => {
      const answer = await search(server, 'q=book&per_page=5');
      assert.ok(answer.total > 5);
      assert.equal(answer.ids.length, 5);
      assert.ok(answer.took_ms >= 0);
      assert.equal(answer.facets.price.length, 5);
      assert.equal((await get(server, '/__health')).status, 200);
    });

    it('shows a price change from the change feed within a second', async () => {
      const [{ id }] = [await firstResult(server, 'q=book&sort=best-selling')];
      const cheap = `q=book&max_price=0.01`;
      assert.ok(!(await search(server, cheap)).ids.includes(id));
      await change(database, id, (trx) =>
        trx
          .updateTable('products')
          .set({ price_cents: 1, updated_at: Date.now() })
          .where('id', '=', id)
          .execute(),
      );
      const ms = await within(1000, async () => (await search(server, cheap)).ids.includes(id));
      assert.ok(ms < 1000, `${ms} ms`);
    });

    it('shows a stock change from the change feed within a second', async () => {
      const { id } = await firstResult(server, 'q=book&in_stock=1&sort=best-selling');
      await change(database, id, (trx) =>
        trx
          .updateTable('inventory')
          .set({ on_hand: 0, reserved: 0, updated_at: Date.now() })
          .where('product_id', '=', id)
          .execute(),
      );
      await within(
        1000,
        async () => !(await search(server, 'q=book&in_stock=1&sort=best-selling')).ids.includes(id),
      );
    });

    it('answers bad input with a 400 or a valid empty answer, never a failure', async () => {
      const queries = [
        '',
        'q=',
        `q=${'x'.repeat(10_240)}`,
        'q=%21%40%23%24%25%5E%26*()',
        'q=%00%ff%fe',
        'q=book&category=no-such-category',
        'q=book&brand=no-such-brand',
        'q=book&category=%3Cscript%3E',
        'q=book&page=-1',
        'q=book&page=0',
        'q=book&page=99999999999',
        'q=book&page=1e3',
        'q=book&per_page=100000',
        'q=book&sort=sideways',
        'q=book&min_price=-5',
        'q=book&min_price=50&max_price=10',
        'q=book&age=200',
        'q=book&in_stock=maybe',
        'q=a&q=b',
      ];
      for (const query of queries) {
        const response = await get(server, `/search?${query}`);
        assert.ok(
          [200, 400].includes(response.status),
          `${query.slice(0, 60)} → ${response.status}`,
        );
        const body = JSON.parse(String(response.body)) as { total?: number; error?: string };
        if (response.status === 200) assert.equal(typeof body.total, 'number');
        else assert.equal(typeof body.error, 'string');
      }
      assert.equal((await search(server, 'q=book&category=no-such-category')).total, 0);
    });

    it('rebuilds on reindex with no failed query meanwhile', async () => {
      const queries = [
        'q=book',
        'q=dino',
        'q=nintendo&sort=price-asc',
        'q=stroller&in_stock=1',
        'category=strollers',
      ];
      let running = true;
      let answered = 0;
      const failures: string[] = [];
      const client = async () => {
        for (let i = 0; running; i++) {
          const response = await get(server, `/search?${queries[i % queries.length]}`);
          if (response.status !== 200) failures.push(`${response.status} ${String(response.body)}`);
          answered++;
        }
      };
      const clients = Array.from({ length: 4 }, client);
      const report = await server.reindex();
      running = false;
      await Promise.all(clients);
      assert.deepEqual(failures, []);
      assert.ok(answered > 0);
      assert.equal(report.products, PRODUCTS);
      assert.equal(server.status().reindexes, 1);
      assert.ok(fs.existsSync(server.snapshotFile), 'the rebuild wrote the snapshot');
    });

    it('keeps a change made while it rebuilds, before and after the new index serves', async () => {
      const { id } = await firstResult(server, 'q=book&sort=best-selling');
      const cheap = 'q=book&max_price=0.03';
      const reindexed = server.reindex();
      await change(database, id, (trx) =>
        trx
          .updateTable('products')
          .set({ price_cents: 3, updated_at: Date.now() })
          .where('id', '=', id)
          .execute(),
      );
      await within(1000, async () => (await search(server, cheap)).ids.includes(id));
      await reindexed;
      assert.ok((await search(server, cheap)).ids.includes(id), 'the new index has the change');
    });

    it('starts again from its snapshot, caught up with changes since', async () => {
      const { id } = await firstResult(server, 'q=book&sort=best-selling');
      await change(database, id, (trx) =>
        trx
          .updateTable('products')
          .set({ price_cents: 2, updated_at: Date.now() })
          .where('id', '=', id)
          .execute(),
      );
      const second = new SearchServer({ database, databaseUrl: url, dataDir, threads: 1, log });
      try {
        const loaded = await second.start();
        assert.equal(loaded.source, 'snapshot');
        assert.ok((await search(second, 'q=book&max_price=0.02')).ids.includes(id));
      } finally {
        await second.close();
      }
    });
  });
}

async function firstResult(server: SearchServer, query: string): Promise<{ id: number }> {
  const answer = await search(server, query);
  assert.ok(answer.ids.length > 0, query);
  return { id: answer.ids[0]! };
}

/** Changes product `id` as a model save would: the row and its change-feed entry in one transaction. */
async function change(
  database: Database,
  id: number,
  write: (trx: Database['db']) => Promise<unknown>,
): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await write(trx);
    await appendChange(trx, database.dialect, {
      topic: 'product',
      key: String(id),
      version: Date.now(),
    });
  });
}
