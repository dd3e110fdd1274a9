// The search tier at a million products: the engine in-process and through the daemon, against
// FlexSearch and MiniSearch on the same documents and the same text queries, in one run; the
// index's build time and memory; and the daemon's latency while it rebuilds.
// Run: npm run build && node dist/bench/search.js [--products 1000000] [--seconds 5]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import { latestChangeId, openDatabase } from '../src/db/index.js';
import {
  SEARCH_SORTS,
  SearchEngine,
  buildFromDatabase,
  catalogRows,
  loadTaxonomy,
  type SearchRequest,
} from '../src/search/index.js';
import { startYuletide } from '../src/testing/index.js';
import { seededDatabase } from './lib/bench-database.js';
import { PROJECT_ROOT, count, table } from './lib/measure.js';
import { wrk } from './lib/wrk.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
  },
});
const products = Number(values.products);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Latencies of calling `search` on each query in turn for `seconds`, after one warm-up pass. */
function measure(queries: readonly string[], search: (q: string) => unknown) {
  for (const q of queries) search(q);
  const latencies: number[] = [];
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (const q of queries) {
      const t = performance.now();
      search(q);
      latencies.push(performance.now() - t);
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return { qps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

/** Peak resident memory while `work` runs, sampled every 20 ms. */
async function peakRss<T>(work: () => Promise<T> | T): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  try {
    const value = await work();
    return { value, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(sampler);
  }
}

/** A deterministic random stream, so every run asks the same queries. */
function randomStream(seed: number) {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

console.log(
  `search benchmark: ${count(products)} products, ${os.availableParallelism()} CPUs, Node ${process.version}`,
);
process.stdout.write('seeding SQLite… ');
let t = performance.now();
const seeded = await seededDatabase('sqlite', products);
console.log(`${((performance.now() - t) / 1000).toFixed(0)} s`);
const database = openDatabase(seeded.url);

// 1. Our index, built in this process from the database.
gc();
const before = process.memoryUsage.rss();
t = performance.now();
const { value: index, peak } = await peakRss(async () =>
  buildFromDatabase(database, await latestChangeId(database)),
);
const buildSeconds = (performance.now() - t) / 1000;
t = performance.now();
const engine = new SearchEngine(index);
const engineMs = performance.now() - t;
gc();

// 2. The same documents for the libraries: every field our index finds products by.
const taxonomy = await loadTaxonomy(database);
const brandNames = new Map(taxonomy.brands.map((b) => [b.id, b.name]));
const categoryNames = new Map(taxonomy.categories.map((c) => [c.id, c.name]));
const documents: { id: number; text: string }[] = [];
for await (const rows of catalogRows(database)) {
  for (const r of rows) {
    const text = `${r.title} ${r.author ?? ''} ${brandNames.get(r.brandId)} ${categoryNames.get(r.categoryId)}`;
    documents.push({ id: r.id, text });
  }
}
await database.close();

// 3. Queries as shoppers type them: one to three words of a product's title or author, one in
// ten with a typo, one in five cut short while typing.
const random = randomStream(42);
const queries: string[] = [];
while (queries.length < 2000) {
  const doc = documents[Math.floor(random() * documents.length)]!;
  const words = doc.text.split(/\s+/).filter((w) => /^[A-Za-z]{3,}$/.test(w));
  if (words.length === 0) continue;
  const n = 1 + Math.floor(random() * 3);
  const start = Math.floor(random() * Math.max(1, words.length - n + 1));
  const chosen = words.slice(start, start + n);
  const roll = random();
  const last = chosen.length - 1;
  if (roll < 0.1 && chosen[last]!.length >= 5) {
    const w = chosen[last]!;
    const i = 1 + Math.floor(random() * (w.length - 2));
    chosen[last] = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  } else if (roll < 0.3 && chosen[last]!.length >= 4) {
    chosen[last] = chosen[last]!.slice(0, 2 + Math.floor(random() * (chosen[last]!.length - 2)));
  }
  queries.push(chosen.join(' '));
}
const topCategories = taxonomy.categories.filter((c) => c.parentId === null);
const filtered: SearchRequest[] = queries.map((q, i) => ({
  q: i % 4 === 3 ? '' : q,
  category: i % 3 === 0 ? topCategories[i % topCategories.length]!.slug : undefined,
  minPriceCents: i % 5 === 0 ? 1000 : undefined,
  maxPriceCents: i % 5 === 0 ? 4999 : undefined,
  ageYears: i % 7 === 0 ? 5 : undefined,
  inStock: i % 2 === 0,
  sort: SEARCH_SORTS[i % SEARCH_SORTS.length],
}));

const ours = measure(queries, (q) => engine.search({ q }));
let next = 0;
const oursFiltered = measure(queries, () => engine.search(filtered[next++ % filtered.length]!));

// 4. The libraries, configured as close to our semantics as they allow: all words must match;
// FlexSearch's forward tokenizer gives prefixes (it has no typo tolerance); MiniSearch gets a
// prefix on the last word and one edit for words of five letters or more, as we do.
gc();
let heap = process.memoryUsage().heapUsed;
t = performance.now();
const flex = new FlexSearch.Index({ tokenize: 'forward' });
for (const d of documents) flex.add(d.id, d.text);
const flexBuild = (performance.now() - t) / 1000;
gc();
const flexMemory = process.memoryUsage().heapUsed - heap;
const flexResult = measure(queries, (q) => flex.search(q, { limit: 24 }));

gc();
heap = process.memoryUsage().heapUsed;
t = performance.now();
const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] });
mini.addAll(documents);
const miniBuild = (performance.now() - t) / 1000;
gc();
const miniMemory = process.memoryUsage().heapUsed - heap;
const miniResult = measure(queries.slice(0, 200), (q) =>
  mini
    .search(q, {
      combineWith: 'AND',
      prefix: (_term, i, terms) => i === terms.length - 1,
      fuzzy: (term) => (term.length >= 5 ? 1 : 0),
    })
    .slice(0, 24),
);

// 5. Handing the index to a query thread: a SharedArrayBuffer crosses without a copy; a plain
// ArrayBuffer would be copied into each thread.
const echo = new Worker(
  'const { parentPort } = require("node:worker_threads"); parentPort.on("message", (m) => parentPort.postMessage(m.byteLength));',
  { eval: true },
);
const handOver = (message: SharedArrayBuffer | ArrayBuffer) =>
  new Promise<number>((resolve) => {
    const started = performance.now();
    echo.once('message', () => resolve(performance.now() - started));
    echo.postMessage(message);
  });
await handOver(new ArrayBuffer(8)); // the thread is up and its handler compiled
const sharedMs = await handOver(index.buffer);
const copiedMs = await handOver(new Uint8Array(index.buffer).slice().buffer);
await echo.terminate();

const rows = [
  [
    'Yuletide in-process (text)',
    count(ours.qps),
    ours.p50.toFixed(3),
    ours.p99.toFixed(3),
    `${buildSeconds.toFixed(1)} s`,
    `${mb(index.buffer.byteLength)} index; peak RSS ${mb(peak)} (+${mb(peak - before)})`,
  ],
  [
    'Yuletide in-process (filters, sorts)',
    count(oursFiltered.qps),
    oursFiltered.p50.toFixed(3),
    oursFiltered.p99.toFixed(3),
    '',
    '',
  ],
  [
    'FlexSearch 0.8 (forward)',
    count(flexResult.qps),
    flexResult.p50.toFixed(3),
    flexResult.p99.toFixed(3),
    `${flexBuild.toFixed(1)} s`,
    `${mb(flexMemory)} heap`,
  ],
  [
    'MiniSearch 7 (prefix, fuzzy)',
    count(miniResult.qps),
    miniResult.p50.toFixed(3),
    miniResult.p99.toFixed(3),
    `${miniBuild.toFixed(1)} s`,
    `${mb(miniMemory)} heap`,
  ],
];
console.log(
  `\nin-process, one thread, ${queries.length} text queries (MiniSearch: the first 200), ${seconds} s each:\n`,
);
console.log(table(['engine', 'queries/s', 'p50 ms', 'p99 ms', 'build', 'memory'], rows));
console.log(`\nengine start from the built index: ${engineMs.toFixed(0)} ms (per query thread)`);
console.log(
  `index to a query thread: shared ${sharedMs.toFixed(1)} ms; a copied ArrayBuffer would take ${copiedMs.toFixed(0)} ms and ${mb(index.buffer.byteLength)} per thread`,
);

// 6. Through the daemon: a separate process on every core, asked over HTTP by wrk.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-bench-search-'));
const env = { DATA_DIR: dataDir, DATABASE_URL: seeded.url, LOG_LEVEL: 'warn' };
const listening = /"port":(\d+)[^\n]*listening/;
t = performance.now();
let daemon = await startYuletide(['search', '--port', '0'], { ...env, LOG_LEVEL: 'info' }, 300_000);
const coldStart = (performance.now() - t) / 1000;
await daemon.stop();
t = performance.now();
daemon = await startYuletide(['search', '--port', '0'], { ...env, LOG_LEVEL: 'info' }, 300_000);
const warmStart = (performance.now() - t) / 1000;
try {
  if (!listening.test(daemon.output()) || !/"source":"snapshot"/.test(daemon.output())) {
    console.log('note: the restart did not use the snapshot');
  }
  const url = `http://127.0.0.1:${daemon.port}`;
  const paths = queries.map((q) => `/search?q=${encodeURIComponent(q)}`);
  wrk(url, { seconds: 5, connections, paths }); // every query thread compiled and warm
  const steady = wrk(url, { seconds, connections, paths });
  const rss =
    Number(
      /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${daemon.child.pid}/status`, 'utf8'))?.[1] ?? 0,
    ) * 1024;
  // A rebuild under the same load: the reindex runs in a low-priority thread of the daemon.
  const reindex = spawn(
    process.execPath,
    [path.join(PROJECT_ROOT, 'bin', 'yuletide.js'), 'reindex'],
    {
      env: { ...process.env, ...env, SEARCH_URL: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let reindexOutput = '';
  reindex.stdout.on('data', (chunk: Buffer) => (reindexOutput += chunk.toString()));
  let rebuilding = true;
  const rebuilt = new Promise<void>((resolve) =>
    reindex.on('exit', () => {
      rebuilding = false;
      resolve();
    }),
  );
  // wrk in slices until the new index has swapped in, so the whole rebuild runs under load.
  const slices = [];
  while (rebuilding && slices.length < 60) {
    slices.push(wrk(url, { seconds: 5, connections, paths }));
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the exit event in
  }
  await rebuilt;
  const during = {
    requestsPerSecond: slices.reduce((sum, r) => sum + r.requestsPerSecond, 0) / slices.length,
    p50Ms: Math.max(...slices.map((r) => r.p50Ms)),
    p99Ms: Math.max(...slices.map((r) => r.p99Ms)),
    non2xx: slices.reduce((sum, r) => sum + r.non2xx, 0),
    socketErrors: slices.reduce((sum, r) => sum + r.socketErrors, 0),
  };
  console.log(
    `\nthrough the daemon (${os.availableParallelism()} query threads, HTTP keep-alive, wrk -c ${connections}):\n`,
  );
  console.log(
    table(
      ['load', 'queries/s', 'p50 ms', 'p99 ms', 'errors'],
      [
        [
          'steady',
          count(steady.requestsPerSecond),
          steady.p50Ms.toFixed(2),
          steady.p99Ms.toFixed(2),
          String(steady.non2xx + steady.socketErrors),
        ],
        [
          `during reindex (${slices.length} × 5 s; worst p50, p99)`,
          count(during.requestsPerSecond),
          during.p50Ms.toFixed(2),
          during.p99Ms.toFixed(2),
          String(during.non2xx + during.socketErrors),
        ],
      ],
    ),
  );
  console.log(
    `\ndaemon RSS ${mb(rss)}; start from the database ${coldStart.toFixed(1)} s, restart from the snapshot ${warmStart.toFixed(1)} s; ${reindexOutput.trim()}`,
  );
} finally {
  await daemon.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await seeded.drop();
}

const pass = (ok: boolean) => (ok ? 'pass' : 'FAIL');
console.log(`\nbars (issue 5), ${count(products)} products:`);
console.log(
  `  in-process queries/s ≥ FlexSearch: ${count(ours.qps)} vs ${count(flexResult.qps)} (${(ours.qps / flexResult.qps).toFixed(1)}×) ${pass(ours.qps >= flexResult.qps)}`,
);
console.log(`  in-process p99 < 5 ms:             ${ours.p99.toFixed(2)} ms ${pass(ours.p99 < 5)}`);
console.log(
  `  build ≤ 60 s:                      ${buildSeconds.toFixed(1)} s ${pass(buildSeconds <= 60)}`,
);
console.log(`  build memory ≤ 1 GB:               peak RSS ${mb(peak)} ${pass(peak <= 1024 ** 3)}`);
