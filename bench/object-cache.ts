// The object cache's tiers side by side, for the same product objects in the same run:
//  1. loads/s of whole products (core, price, inventory) from process memory, from LMDB, and from
//     the database (SQLite and PostgreSQL), with no tier in front of the one measured;
//  2. the hit ratio of memory → LMDB under a Zipf-skewed read mix over the catalog, real TTLs, on
//     simulated time: a fixed number of reads and stock changes per simulated second, so the
//     figure does not move with the machine's speed or load;
//  3. product-page throughput of one app server (wrk, Zipf paths) with the object cache on and off.
// Run: npm run build && node dist/bench/object-cache.js [--products 100000] [--seconds 10]
//      [--sections 1,2,3] (e.g. --sections 1 for the loads/s comparison alone)
//      [--reads-per-second 20000] [--changes-per-second 100] (section 2's mix)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mock } from 'node:test';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../src/db/index.js';
import {
  LmdbStore,
  MemoryStore,
  ObjectCache,
  objectCacheLookups,
  PartitionedModel,
  type Versioned,
} from '../src/framework/index.js';
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
    'reads-per-second': { type: 'string', default: '20000' },
    'changes-per-second': { type: 'string', default: '100' },
  },
});
const products = Number(values.products);
const seconds = Number(values.seconds);
const sampleSize = Math.min(products, Number(values.sample));
const sections = new Set(values.sections.split(','));
const readsPerSecond = Number(values['reads-per-second']);
const changesPerSecond = Number(values['changes-per-second']);
const TTL = { core: 3600, price: 300, inventory: 15 };
const PARTS = ['core', 'price', 'inventory'] as const;
const log = createLogger({ level: 'warn', role: 'bench' });

/** Part loads of `model` that reached the database so far, by part, and its refresh-ahead reloads. */
async function databaseLoadsByPart(model = 'product'): Promise<Map<string, number>> {
  const { values } = await objectCacheLookups.get();
  const loads = new Map<string, number>();
  for (const v of values) {
    if (v.labels['model'] !== model) continue;
    if (v.labels['tier'] === 'database') loads.set(String(v.labels['part']), v.value);
    if (v.labels['tier'] === 'refresh') loads.set('refresh', (loads.get('refresh') ?? 0) + v.value);
  }
  return loads;
}

/** The steps of simulated time: each 10 ms gets its share of the second's reads and changes. */
const STEP_MS = 10;

/**
 * Runs `readsPerSecond` reads and `changesPerSecond` changes per simulated second for `seconds`,
 * moving the mocked clock (Date and setInterval: expiry, the change sync, refresh-ahead) a step at
 * a time and letting what its timers started finish before the next step, as a server's idle
 * moments would. Returns the reads made.
 */
async function simulate(
  seconds: number,
  read: () => Promise<unknown>,
  change: () => Promise<unknown>,
): Promise<number> {
  const steps = (seconds * 1000) / STEP_MS;
  const share = (perSecond: number, step: number) =>
    Math.floor(((step + 1) * perSecond * STEP_MS) / 1000) -
    Math.floor((step * perSecond * STEP_MS) / 1000);
  let reads = 0;
  for (let step = 0; step < steps; step++) {
    for (let i = share(readsPerSecond, step); i > 0; i--, reads++) await read();
    for (let i = share(changesPerSecond, step); i > 0; i--) await change();
    mock.timers.tick(STEP_MS);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return reads;
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

/** The inventory of `ids`, as a partitioned model's fetch reads it. */
async function fetchStock(
  database: Database,
  ids: readonly number[],
): Promise<Map<number, { inventory?: Versioned<{ onHand: number; reserved: number }> }>> {
  const rows = await database.db
    .selectFrom('inventory')
    .select(['product_id', 'on_hand', 'reserved', 'updated_at'])
    .where('product_id', 'in', ids)
    .execute();
  return new Map(
    rows.map((row) => [
      row.product_id,
      {
        inventory: {
          value: { onHand: row.on_hand, reserved: row.reserved },
          version: row.updated_at,
        },
      },
    ]),
  );
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

  // 2. Hit ratio under Zipf reads: memory (bounded) in front of LMDB in front of SQLite, the
  // catalog's products as the app runs them (change sync and refresh-ahead), on simulated time.
  if (sections.has('2')) {
    fs.rmSync(lmdbDir, { recursive: true, force: true });
    mock.timers.enable({ apis: ['Date', 'setInterval'], now: Date.now() });
    const writer = openDatabase(sqlite.url);
    try {
      // Each run draws the same reads, and the same stock changes as checkouts would make them
      // (popular products most, drawn apart from the reads).
      const mix = () => {
        const reads = new Zipf(ranked.length);
        const sales = new Zipf(ranked.length, 1, 7);
        const sell = () =>
          writer.db
            .updateTable('inventory')
            .set((eb) => ({ reserved: eb('reserved', '+', 0), updated_at: Date.now() }))
            .where('product_id', '=', ranked[sales.next()]!)
            .execute();
        return { next: () => ranked[reads.next()]!, sell };
      };
      const warmupSeconds = 2 * TTL.inventory;
      const lmdb2 = new LmdbStore({ path: lmdbDir, maxEntries: 10_000_000, log });
      const catalog = new Catalog(
        sqliteDb,
        TTL,
        new ObjectCache(new MemoryStore({ maxEntries: 200_000 }), lmdb2),
      );
      const { next, sell } = mix();
      const readProduct = () => catalog.product.load(next(), PARTS);
      // Steady state of a server that has been up a while: every product was read within the
      // hour, then the mix runs for twice the shortest time-to-live, so every part has expired,
      // been refreshed or been vouched for by the change sync at least once.
      for (let i = 0; i < ranked.length; i += 1000)
        await catalog.product.loadMany(ranked.slice(i, i + 1000), PARTS);
      await simulate(warmupSeconds, readProduct, sell);
      const before = await databaseLoadsByPart();
      const reads = await simulate(seconds, readProduct, sell);
      const after = await databaseLoadsByPart();
      catalog.product.close();
      await lmdb2.close();
      console.log(
        `\n2. hit ratio under a Zipf(1) read mix over ${count(ranked.length)} products, default TTLs, on simulated time: ${count(readsPerSecond)} product reads and ${count(changesPerSecond)} stock changes (Zipf-popular) per second;`,
      );
      console.log(
        `   ${count(reads)} product reads in ${seconds} s measured after ${warmupSeconds} s of warm-up; part loads that reached the database:`,
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
        `   plus ${count(refreshed)} parts reloaded in the background by refresh-ahead (the change sync vouches for every entry it covers, so none nears its end)`,
      );
      console.log(`bar: hit ratio ≥ 99% → ${ratio >= 0.99 ? 'met' : 'NOT met'}`);

      // The same mix over a part that only expires (no change sync), with and without
      // refresh-ahead: what refresh-ahead does where nothing vouches for entries.
      const rows: string[][] = [];
      for (const refreshAfter of [0.75, undefined]) {
        const name = refreshAfter === undefined ? 'stock-plain' : 'stock-ahead';
        const stock = new PartitionedModel<{ inventory: { onHand: number; reserved: number } }>({
          name,
          ttlSeconds: { inventory: TTL.inventory },
          cache: new ObjectCache(new MemoryStore({ maxEntries: 200_000 })),
          surrogateKey: (id) => `p${id}`,
          refreshAfter,
          fetch: (ids) => fetchStock(sqliteDb, ids),
        });
        for (let i = 0; i < ranked.length; i += 1000)
          await stock.loadMany(ranked.slice(i, i + 1000), ['inventory']);
        const stockMix = mix();
        const readStock = () => stock.load(stockMix.next(), ['inventory']);
        await simulate(warmupSeconds, readStock, stockMix.sell);
        const start = await databaseLoadsByPart(name);
        const stockReads = await simulate(seconds, readStock, stockMix.sell);
        const end = await databaseLoadsByPart(name);
        stock.close();
        const misses = (end.get('inventory') ?? 0) - (start.get('inventory') ?? 0);
        const reloaded = (end.get('refresh') ?? 0) - (start.get('refresh') ?? 0);
        rows.push([
          refreshAfter === undefined ? 'off' : `on (after ${refreshAfter * 100}% of its life)`,
          `${((1 - misses / stockReads) * 100).toFixed(2)}%`,
          count(reloaded),
        ]);
      }
      console.log(
        `\n   the same mix over the inventory part alone, only expiring (no change sync), memory tier:\n`,
      );
      console.log(table(['refresh-ahead', 'hit ratio', 'reloaded ahead'], rows));
    } finally {
      mock.timers.reset();
      await writer.close();
    }
  }

  // 3. App-server product pages with the object cache on and off.
  if (sections.has('3')) {
    const zipf = new Zipf(ranked.length);
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
