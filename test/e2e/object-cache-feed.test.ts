import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../src/db/index.js';
import { MemoryStore, ObjectCache } from '../../src/framework/index.js';
import { Catalog } from '../../src/store/index.js';
import {
  insertCatalogFixture,
  startYuletide,
  testDialects,
  TEST_TTL,
  type RunningProcess,
} from '../../src/testing/index.js';

const INVENTORY_TTL = 2;

async function priceOn(port: number, productId: number): Promise<string | undefined> {
  const body = await (await fetch(`http://127.0.0.1:${port}/p/${productId}`)).text();
  return /class="price__now">([^<]+)</.exec(body)?.[1];
}

/** Polls `check` every 25 ms until it is true; resolves to the milliseconds it took, or throws after `limitMs`. */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitMs) {
    if (await check()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`not within ${limitMs} ms`);
}

for (const dialect of await testDialects()) {
  describe(
    `object cache and change feed across processes (${dialect.name})`,
    { skip: dialect.skip },
    () => {
      let database: Database;
      let drop: () => Promise<void>;
      const servers: RunningProcess[] = [];
      const dirs: string[] = [];

      before(async () => {
        let url: string;
        ({ database, drop, url } = await dialect.create());
        await insertCatalogFixture(database);
        // Two app servers on two "hosts": separate DATA_DIRs, so only the change feed connects their caches.
        for (let i = 0; i < 2; i++) {
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-feed-'));
          dirs.push(dir);
          servers.push(
            await startYuletide(['app', '--port', '0'], {
              DATABASE_URL: url,
              DATA_DIR: dir,
              TTL_INVENTORY: String(INVENTORY_TTL),
            }),
          );
        }
      });
      after(async () => {
        await Promise.all(servers.map((s) => s.stop('SIGKILL')));
        await drop();
        for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
      });

      it('serves a price saved through another process within a second, and never the old one after', async () => {
        for (const server of servers) assert.equal(await priceOn(server.port, 3), '$8.00');
        const writer = new Catalog(
          database,
          TEST_TTL,
          new ObjectCache(new MemoryStore({ maxEntries: 100 })),
        );
        assert.equal(await writer.saveProduct(3, { priceCents: 12_345 }), true);
        for (const server of servers) {
          const ms = await within(1000, async () => (await priceOn(server.port, 3)) === '$123.45');
          assert.ok(ms < 1000, `seen in ${ms.toFixed(0)} ms`);
        }
        for (let i = 0; i < 10; i++) {
          for (const server of servers) assert.equal(await priceOn(server.port, 3), '$123.45');
        }
      });

      it('shows an inventory change made behind its back within the inventory time-to-live', async () => {
        const port = servers[0]!.port;
        assert.ok(!/Out of stock/.test(await (await fetch(`http://127.0.0.1:${port}/p/8`)).text()));
        await database.db
          .updateTable('inventory')
          .set({ on_hand: 0, updated_at: Date.now() })
          .where('product_id', '=', 8)
          .execute();
        await within((INVENTORY_TTL + 1) * 1000, async () =>
          /stock--out">Out of stock/.test(
            await (await fetch(`http://127.0.0.1:${port}/p/8`)).text(),
          ),
        );
      });

      it('exports hits and misses per tier and part on /__metrics', async () => {
        const text = await (await fetch(`http://127.0.0.1:${servers[0]!.port}/__metrics`)).text();
        assert.match(
          text,
          /yuletide_object_cache_lookups_total\{model="product",part="core",tier="memory",result="hit"\} \d+/,
        );
        assert.match(text, /tier="database"/);
      });
    },
  );
}
