// The object cache's tiers side by side, for the same product objects in the same run:
//  1. loads/s of whole products (core, price, inventory) from process memory, from LMDB, and from
//     the database (SQLite and PostgreSQL), with no tier in front of the one measured;
//  2. the hit ratio of memory → LMDB under a Zipf-skewed read mix over the catalog, real TTLs;
//  3. product-page throughput of one app server (wrk, Zipf paths) with the object cache on and off.
// Run: npm run build && node dist/bench/object-cache.js [--products 100000] [--seconds 10]
//      [--sections 1,2,3] (e.g. --sections 1 for the loads/s comparison alone)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../src/db/index.js';
import { LmdbStore, MemoryStore, ObjectCache, objectCacheLookups } from '../src/framework/index.js';
import { createLogger } from '../src/shared/index.js';
import { Catalog } from '../src/store/index.js';
import { startYuletide } from '../src/testing/index.js';
import { seededDatabase } from './lib/bench-database.js';
import { count, median, table } from './lib/measure.js';
import { wrk } from './lib/wrk.js';
import { Zipf } from './lib/zipf.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    sample: { type: 'string', default: '20000' },
    sections: { type: 'string', default: '1,2,3' },
  },
});
const products = Number(values.products);
const seconds = Number(values.seconds);
const sampleSize = Math.min(products, Number(values.sample));
const sections = new Set(values.sections.split(','));
const TTL = { core: 3600, price: 300, inventory: 15 };
const PARTS = ['core', 'price', 'inventory'] as const;
const log = createLogger({ level: 'warn', role: 'bench' });

/** Part loads that reached the database so far, by part, from the object cache's own counter. */
async function databaseLoadsByPart(): Promise<Map<string, number>> {
  const { values } = await objectCacheLookups.get();
  const loads = new Map<string, number>();
  for (const v of values) {
    if (v.labels['tier'] === 'database') loads.set(String(v.labels['part']), v.value);
    if (v.labels['tier'] === 'refresh') loads.set('refresh', (loads.get('refresh') ?? 0) + v.value);
  }
  return loads;
}

/** Product ids by popularity: index 0 is the best-seller. */
async function idsBySalesRank(database: Database): Promise<number[]> {
  const rows = await database.db
    .selectFrom('products')
    .select('id')
    .orderBy('sales_rank')
    .execute();
  return rows.map((r) => r.id);
}

/** Whole-product loads per second through `catalog` for about a second, over `ids` in turn. */
async function loadsPerSecond(catalog: Catalog, ids: readonly number[]): Promise<number> {
  let loads = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    for (let i = 0; i < 200; i++) await catalog.product.load(ids[(loads + i) % ids.length]!, PARTS);
    loads += 200;
  }
  return loads / ((performance.now() - started) / 1000);
}

const lmdbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-bench-lmdb-'));
console.log(`seeding ${count(products)} products into SQLite and PostgreSQL…`);
const sqlite = await seededDatabase('sqlite', products);
const postgres = await seededDatabase('postgres', products);
const sqliteDb = openDatabase(sqlite.url);
const postgresDb = openDatabase(postgres.url);
try {
  const ranked = await idsBySalesRank(sqliteDb);
  const lmdb = new LmdbStore({ path: lmdbDir, maxEntries: 10_000_000, log });
  const sample = Array.from({ length: sampleSize }, (_, i) => ranked[(i * 7919) % ranked.length]!);

  // 1. Each tier alone.
  const memoryOnly = new Catalog(
    sqliteDb,
    TTL,
    new ObjectCache(new MemoryStore({ maxEntries: 1_000_000 })),
  );
  const lmdbOnly = new Catalog(
    sqliteDb,
    TTL,
    new ObjectCache(new MemoryStore({ maxEntries: 0 }), lmdb),
  );
  const sqliteOnly = new Catalog(
    sqliteDb,
    TTL,
    new ObjectCache(new MemoryStore({ maxEntries: 0 })),
  );
  const postgresOnly = new Catalog(
    postgresDb,
    TTL,
    new ObjectCache(new MemoryStore({ maxEntries: 0 })),
  );
  const paths: [string, Catalog][] = [
    ['memory tier', memoryOnly],
    ['LMDB tier', lmdbOnly],
    ['SQLite (no cache)', sqliteOnly],
    ['PostgreSQL (no cache)', postgresOnly],
  ];
  if (sections.has('1')) {
    await memoryOnly.product.loadMany(sample, PARTS);
    await lmdbOnly.product.loadMany(sample, PARTS);
    await lmdb.flushed();
    // Interleaved runs, median of five per path: the machine is shared, so its load drifts.
    const runs = new Map<string, number[]>(paths.map(([name]) => [name, []]));
    for (let run = 0; run < 5; run++) {
      for (const [name, catalog] of paths)
        runs.get(name)!.push(await loadsPerSecond(catalog, sample));
    }
    const rates = new Map([...runs].map(([name, values]) => [name, median(values)]));
    const pg = rates.get('PostgreSQL (no cache)')!;
    console.log(
      `\n1. whole-product loads per second, ${count(sampleSize)} products, one at a time, median of 5 interleaved runs:\n`,
    );
    console.log(
      table(
        ['path', 'loads/s', 'vs PostgreSQL'],
        [...rates].map(([name, rate]) => [name, count(rate), `${(rate / pg).toFixed(1)}×`]),
      ),
    );
    // Each run's LMDB and PostgreSQL figures were taken seconds apart, so their ratio shifts
    // less with the machine's load than either figure does.
    const lmdbRuns = runs.get('LMDB tier')!;
    const pgRuns = runs.get('PostgreSQL (no cache)')!;
    const ratios = lmdbRuns.map((rate, i) => rate / pgRuns[i]!);
    const ratio = median(ratios);
    console.log(
      `LMDB tier ÷ PostgreSQL path, run by run: ${ratios.map((r) => `${r.toFixed(1)}×`).join(', ')}; median ${ratio.toFixed(1)}×`,
    );
    console.log(`bar: LMDB tier ≥ 20× the PostgreSQL path → ${ratio >= 20 ? 'met' : 'NOT met'}`);
  }
  for (const [, catalog] of paths) catalog.product.close();
  await lmdb.close();

  const zipf = new Zipf(ranked.length);

  // 2. Hit ratio under Zipf reads: memory (bounded) in front of LMDB in front of SQLite.
  if (sections.has('2')) {
    fs.rmSync(lmdbDir, { recursive: true, force: true });
    const lmdb2 = new LmdbStore({ path: lmdbDir, maxEntries: 10_000_000, log });
    const tiered = new ObjectCache(new MemoryStore({ maxEntries: 200_000 }), lmdb2);
    const catalog = new Catalog(sqliteDb, TTL, tiered);
    const readFor = async (ms: number) => {
      let reads = 0;
      const until = performance.now() + ms;
      while (performance.now() < until) {
        for (let i = 0; i < 100; i++) await catalog.product.load(ranked[zipf.next()]!, PARTS);
        reads += 100;
        // Let timers run (refresh-ahead, LMDB commits) as a server's event loop would between requests.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return reads;
    };
    // Steady state of a server that has been up a while: every product was read once within the
    // hour (at 7,000 pages a second each one is), then the read mix runs for twice the shortest
    // time-to-live, so every part has expired or been refreshed at least once.
    for (let i = 0; i < ranked.length; i += 1000)
      await catalog.product.loadMany(ranked.slice(i, i + 1000), PARTS);
    const warmupMs = 2 * TTL.inventory * 1000;
    await readFor(warmupMs);
    // Meanwhile stock changes as checkouts would take it: 100 products a second, popular ones most.
    const writer = openDatabase(sqlite.url);
    let writes = 0;
    const selling = setInterval(() => {
      const id = ranked[zipf.next()]!;
      writes++;
      void writer.db
        .updateTable('inventory')
        .set((eb) => ({ reserved: eb('reserved', '+', 0), updated_at: Date.now() }))
        .where('product_id', '=', id)
        .execute();
    }, 10);
    const before = await databaseLoadsByPart();
    const reads = await readFor(seconds * 1000);
    const after = await databaseLoadsByPart();
    clearInterval(selling);
    await writer.close();
    console.log(
      `\n2. hit ratio under a Zipf(1) read mix over ${count(ranked.length)} products, default TTLs, with ${count(writes)} inventory changes (~100/s, Zipf-popular) made meanwhile:`,
    );
    console.log(
      `   ${count(reads)} product reads measured after ${warmupMs / 1000} s of warm-up; part loads that reached the database:`,
    );
    let total = 0;
    for (const part of PARTS) {
      const loads = (after.get(part) ?? 0) - (before.get(part) ?? 0);
      total += loads;
      console.log(
        `   ${part.padEnd(10)} TTL ${String(TTL[part]).padStart(4)} s  ${count(loads).padStart(8)}  hit ratio ${((1 - loads / reads) * 100).toFixed(2)}%`,
      );
    }
    const ratio = 1 - total / (reads * PARTS.length);
    const refreshed = (after.get('refresh') ?? 0) - (before.get('refresh') ?? 0);
    console.log(
      `   all parts                ${count(total).padStart(8)}  hit ratio ${(ratio * 100).toFixed(2)}%`,
    );
    console.log(
      `   plus ${count(refreshed)} parts reloaded in the background by refresh-ahead, in batches of up to 1,000`,
    );
    console.log(`bar: hit ratio ≥ 99% → ${ratio >= 0.99 ? 'met' : 'NOT met'}`);
    await lmdb2.close();
  }

  // 3. App-server product pages with the object cache on and off.
  if (sections.has('3')) {
    const zipfPaths = Array.from({ length: 20_000 }, () => `/p/${ranked[zipf.next()]!}`);
    const rows: string[][] = [];
    for (const cache of ['on', 'off']) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-bench-app-'));
      const app = await startYuletide(['app', '--port', '0'], {
        DATABASE_URL: sqlite.url,
        DATA_DIR: dataDir,
        OBJECT_CACHE: cache,
      });
      try {
        const url = `http://127.0.0.1:${app.port}`;
        wrk(url, { seconds: 3, connections: 32, paths: zipfPaths });
        const runs = Array.from({ length: 3 }, () =>
          wrk(url, { seconds, connections: 32, paths: zipfPaths }),
        );
        rows.push([
          `object cache ${cache}`,
          count(median(runs.map((r) => r.requestsPerSecond))),
          median(runs.map((r) => r.p99Ms)).toFixed(1),
          String(runs.reduce((n, r) => n + r.non2xx + r.socketErrors, 0)),
        ]);
      } finally {
        await app.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
    console.log(
      `\n3. product pages/s from one app server on SQLite, wrk -c 32, Zipf paths, median of 3 × ${seconds} s:\n`,
    );
    console.log(table(['app server', 'pages/s', 'p99 ms', 'errors'], rows));
  }
} finally {
  await sqliteDb.close();
  await postgresDb.close();
  await sqlite.drop();
  await postgres.drop();
  fs.rmSync(lmdbDir, { recursive: true, force: true });
}
