// The page cache's stores under a long-tailed read mix, in one run: what a miss costs the store
// (building the page and its policy, setting it, the LMDB writes and evictions it causes) when
// every page goes to disk (minUses 1), when a page goes on its second use or second store
// (minUses 2, the default), and with no disk tier at all; how many requests miss with each; and
// what a hit costs each.
// Every request asks one of --products URLs drawn with Zipf skew (s = 1); a URL not in the store
// is a miss and is set, as the page cache does, each miss in an event-loop turn of its own as
// in the proxy (the disk tier commits from a timer, which a loop without turns would starve).
// CPU is the whole process's (LMDB's write thread included), rounds interleaved, medians.
// Run: npm run build && node dist/bench/page-store.js [--products 1000000] [--requests 300000]
//      [--rounds 3] [--memory-mib 64] [--disk-mib 512]
// With --chunks N it measures ageing instead: the default store over N chunks of --requests
// each, beside memory alone, so a cost that grows with what the disk tier holds shows as a rising
// column (docs/proxy.md).
// With --fill N it fills the disk tier alone with N pages and prints the heap its index holds,
// a full garbage collection's time, and CPU a set and a get (run it with node --expose-gc).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import CachePolicy from 'http-cache-semantics';
import {
  DiskPageStore,
  MemoryPageStore,
  StoredPage,
  TieredPageStore,
  type PageStore,
} from '../src/proxy/index.js';
import { createLogger } from '../src/shared/index.js';
import { count, median, table } from './lib/measure.js';
import { Zipf } from './lib/zipf.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '1000000' },
    requests: { type: 'string', default: '300000' },
    rounds: { type: 'string', default: '3' },
    'memory-mib': { type: 'string', default: '64' },
    'disk-mib': { type: 'string', default: '512' },
    chunks: { type: 'string', default: '0' },
    fill: { type: 'string', default: '0' },
  },
});
const products = Number(values.products);
const requests = Number(values.requests);
const rounds = Number(values.rounds);
const MIB = 1024 * 1024;
const memoryBytes = Number(values['memory-mib']) * MIB;
const diskBytes = Number(values['disk-mib']) * MIB;
const log = createLogger({ level: 'warn', role: 'bench' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-bench-page-store-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

// A product page as the app sends it: 6 KB, five minutes, tagged with its product.
const BODY = Buffer.alloc(6 * 1024, 'x');
const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'public, s-maxage=300',
  'last-modified': 'Sat, 31 Oct 2026 20:14:11 GMT',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'content-length': String(BODY.length),
};

/** What the page cache stores for a miss on `url` (PageCache#storable, without the checks). */
function pageFor(url: string, id: number): StoredPage {
  const headers = { ...HEADERS, 'surrogate-key': `p${id} c${id % 500}` };
  const policy = new CachePolicy(
    { url, method: 'GET', headers: {} },
    { status: 200, headers },
    { shared: true },
  );
  return StoredPage.fromResponse(url, { status: 200, headers, body: BODY }, policy, []);
}

interface Variant {
  readonly name: string;
  /** A new store; `folder` is its disk tier's, when it has one. */
  create(folder: string): PageStore;
  readonly misses: number[];
  readonly hits: number[];
  /** Misses per request: a page not kept on disk is asked of the origin again once evicted. */
  readonly missRatio: number[];
}

const disk = (folder: string) => new DiskPageStore({ path: folder, maxBytes: diskBytes, log });
const memory = () => new MemoryPageStore({ maxBytes: memoryBytes });
const variants: Variant[] = [
  {
    name: 'memory over disk, every page (minUses 1)',
    create: (folder: string) => new TieredPageStore(memory(), disk(folder), { minUses: 1 }),
  },
  {
    name: 'memory over disk, second use or second store (minUses 2)',
    create: (folder: string) => new TieredPageStore(memory(), disk(folder), { minUses: 2 }),
  },
  { name: 'memory only', create: memory },
].map((variant) => ({
  ...variant,
  misses: [] as number[],
  hits: [] as number[],
  missRatio: [] as number[],
}));

/** Runs `requests` Zipf-drawn requests against `store`; CPU µs per miss (hits included) and the misses. */
async function run(
  store: PageStore,
  zipf: Zipf,
  n: number,
): Promise<{ micros: number; misses: number }> {
  const cpu = process.cpuUsage();
  let misses = 0;
  for (let i = 0; i < n; i++) {
    const id = zipf.next() + 1;
    const url = `/p/${id}`;
    if (store.get(url) === undefined) {
      store.set(url, pageFor(url, id));
      misses++;
      await nextTurn();
    }
  }
  await store.flush();
  const used = process.cpuUsage(cpu);
  return { micros: (used.user + used.system) / misses, misses };
}

/** CPU µs per get of one page in memory, as a hit asks it. */
function hitMicros(store: PageStore): number {
  store.set('/hot', pageFor('/hot', 0));
  store.get('/hot');
  const n = 2_000_000;
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) store.get('/hot');
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / n;
}

/** The default store chunk after chunk, beside memory alone: CPU a miss as the disk tier fills. */
async function ageing(chunks: number): Promise<void> {
  const tiered = new TieredPageStore(memory(), disk(path.join(dir, 'ageing')));
  const alone = memory();
  const [tieredDraws, aloneDraws] = [new Zipf(products, 1, 7), new Zipf(products, 1, 7)];
  console.log(
    `\npage stores ageing, ${count(products)} URLs (Zipf s = 1), chunks of ${count(requests)} requests,` +
      ` memory ${values['memory-mib']} MiB, disk ${values['disk-mib']} MiB:\n`,
  );
  const rows: string[][] = [];
  for (let chunk = 1; chunk <= chunks; chunk++) {
    const far = await run(tiered, tieredDraws, requests);
    const near = await run(alone, aloneDraws, requests);
    const perRequest = ({ micros, misses }: typeof far) =>
      ((micros * misses) / requests).toFixed(1);
    rows.push([
      String(chunk),
      count(tiered.size),
      `${((far.misses / requests) * 100).toFixed(1)} %`,
      far.micros.toFixed(1),
      perRequest(far),
      `${((near.misses / requests) * 100).toFixed(1)} %`,
      near.micros.toFixed(1),
      perRequest(near),
    ]);
  }
  console.log(
    table(
      [
        'chunk',
        'pages kept',
        'misses',
        'CPU µs a miss',
        'a request',
        'memory only: misses',
        'CPU µs a miss',
        'a request',
      ],
      rows,
    ),
  );
  await Promise.all([tiered.close(), alone.close()]);
}

/** Every variant, rounds interleaved: misses, CPU a miss and a hit, medians. */
async function compare(): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) {
      const folder = path.join(dir, 'disk');
      const store = variant.create(folder);
      const zipf = new Zipf(products, 1, 42 + round);
      // Warm-up: fill both tiers, so measured misses evict as they do in steady state.
      await run(store, zipf, requests);
      const { micros, misses } = await run(store, zipf, requests);
      variant.misses.push(micros);
      variant.missRatio.push(misses / requests);
      variant.hits.push(hitMicros(store));
      await store.close();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }

  const base = median(variants[0]!.misses);
  console.log(
    `\npage stores, ${count(products)} URLs (Zipf s = 1), ${count(requests)} requests after as many to warm up,` +
      ` memory ${values['memory-mib']} MiB, disk ${values['disk-mib']} MiB, median of ${rounds} rounds:\n`,
  );
  console.log(
    table(
      ['store', 'misses', 'CPU µs per miss', 'vs every page', 'CPU µs per hit'],
      variants.map((v) => [
        v.name,
        `${(median(v.missRatio) * 100).toFixed(1)} %`,
        median(v.misses).toFixed(1),
        `${(median(v.misses) / base).toFixed(2)}×`,
        median(v.hits).toFixed(3),
      ]),
    ),
  );
}

/** The disk tier alone, filled with `n` pages: what its index costs the heap and the collector. */
async function fill(n: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc to measure the heap');
  const store = new DiskPageStore({ path: path.join(dir, 'fill'), maxBytes: 2 ** 40, log });
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpu = process.cpuUsage();
  for (let id = 1; id <= n; id++) {
    store.set(`/p/${id}`, pageFor(`/p/${id}`, id));
    if (id % 1000 === 0) await store.flush();
  }
  await store.flush();
  const setCpu = process.cpuUsage(cpu);
  gc();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  const gcStart = performance.now();
  gc();
  const gcMs = performance.now() - gcStart;
  const zipf = new Zipf(n, 1, 3);
  const getCpu = process.cpuUsage();
  for (let i = 0; i < 100_000; i++) store.get(`/p/${zipf.next() + 1}`);
  const gets = process.cpuUsage(getCpu);
  console.log(
    `\ndisk tier alone, ${count(store.size)} pages of 6 KB:\n\n` +
      table(
        ['heap held (MiB)', 'full GC (ms)', 'CPU µs a set', 'CPU µs a get'],
        [
          [
            (heap / MIB).toFixed(1),
            gcMs.toFixed(1),
            ((setCpu.user + setCpu.system) / n).toFixed(1),
            ((gets.user + gets.system) / 100_000).toFixed(1),
          ],
        ],
      ),
  );
  await store.close();
}

const [chunks, pages] = [Number(values.chunks), Number(values.fill)];
await (pages > 0 ? fill(pages) : chunks > 0 ? ageing(chunks) : compare());
