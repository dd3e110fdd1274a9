// The search tier at a million products: the engine in-process and through the daemon, against
// FlexSearch and MiniSearch on the same documents and the same text queries, in one run; the
// index's build time and memory; and the daemon's latency before and during rebuilds.
// Run: npm run build && node dist/bench/search.js [--products 1000000] [--seconds 5]
//   [--rounds 3] [--reindexes 3] [--load 0.5] [--database sqlite:/path/seeded.db]
// --database reuses a catalog seeded earlier (`yuletide seed`) instead of seeding one; --rounds
// measures the in-process engines that many times, alternating them; --reindexes rebuilds the
// daemon's index that many times under a load of --load × its measured capacity.
import { execFileSync, spawn } from 'node:child_process';
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
  termOf,
  words,
  type SearchRequest,
} from '../src/search/index.js';
import { startYuletide } from '../src/testing/index.js';
import { seededDatabase } from './lib/bench-database.js';
import { PROJECT_ROOT, count, median, table } from './lib/measure.js';
import { ensureCommand } from './lib/wrk.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '3' },
    reindexes: { type: 'string', default: '3' },
    load: { type: 'string', default: '0.5' },
    database: { type: 'string' },
  },
});
const products = Number(values.products);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const reindexes = Number(values.reindexes);
const loadShare = Number(values.load);
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Latencies of calling `search` on each query in turn for `seconds`, after one warm-up pass. */
function measure(queries: readonly string[], search: (q: string) => unknown) {
  // The garbage one engine left is not collected on the next one's time: with FlexSearch's heap
  // alive, a full collection landing in our queries put 2 ms on their p99.
  gc();
  for (const q of queries) search(q);
  const latencies: number[] = [];
  // CPU time too: on a machine shared with other work, a query's wall time includes waiting for
  // a core, its CPU time only what it cost (this process runs nothing else meanwhile).
  const cpu: number[] = [];
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (const q of queries) {
      const before = process.cpuUsage();
      const t = performance.now();
      search(q);
      latencies.push(performance.now() - t);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const at = (values: number[], p: number) =>
    values[Math.min(values.length - 1, Math.floor(values.length * p))]!;
  return {
    qps: latencies.length / elapsed,
    p50: at(latencies, 0.5),
    p99: at(latencies, 0.99),
    cpuP99: at(cpu, 0.99),
  };
}

type Measured = ReturnType<typeof measure>;

/** Each figure's median over several measurements. */
function medianOf(measured: readonly Measured[]): Measured {
  return {
    qps: median(measured.map((m) => m.qps)),
    p50: median(measured.map((m) => m.p50)),
    p99: median(measured.map((m) => m.p99)),
    cpuP99: median(measured.map((m) => m.cpuP99)),
  };
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
let t = performance.now();
let seeded: { url: string; drop(): Promise<void> };
if (values.database === undefined) {
  process.stdout.write('seeding SQLite… ');
  seeded = await seededDatabase('sqlite', products);
  console.log(`${((performance.now() - t) / 1000).toFixed(0)} s`);
} else {
  seeded = { url: values.database, drop: async () => undefined };
  console.log(`catalog: ${values.database} (seeded earlier)`);
}
const database = openDatabase(seeded.url);

// 1. Our index, built in this process from the database.
gc();
const before = process.memoryUsage.rss();
t = performance.now();
const buildCpu = process.cpuUsage();
const { value: index, peak } = await peakRss(async () =>
  buildFromDatabase(database, await latestChangeId(database)),
);
const buildSeconds = (performance.now() - t) / 1000;
const buildCpuUsed = process.cpuUsage(buildCpu);
/** The build's CPU time (this process does nothing else meanwhile): its cost on a shared machine. */
const buildCpuSeconds = (buildCpuUsed.user + buildCpuUsed.system) / 1e6;
t = performance.now();
const engine = new SearchEngine(index);
const engineMs = performance.now() - t;
gc();

// 2. The same documents for the libraries: every field our index finds products by, the
// description's words included where our index keeps them (see document-text.ts).
const taxonomy = await loadTaxonomy(database);
const brandNames = new Map(taxonomy.brands.map((b) => [b.id, b.name]));
const categoryNames = new Map(taxonomy.categories.map((c) => [c.id, c.name]));
const { descriptionTerms, termText, termTextOffsets } = index.arrays;
const stemText = Buffer.from(termText.buffer, termText.byteOffset, termText.byteLength);
const describedStems = new Set<string>();
descriptionTerms.forEach((kept, t) => {
  if (kept === 1)
    describedStems.add(stemText.toString('utf8', termTextOffsets[t], termTextOffsets[t + 1]));
});
const documents: { id: number; text: string }[] = [];
/** Each document's name fields alone: what the queries are drawn from. */
const names: string[] = [];
let descriptionWordCount = 0;
for await (const rows of catalogRows(database)) {
  for (const r of rows) {
    const name = `${r.title} ${r.author ?? ''} ${brandNames.get(r.brandId)} ${categoryNames.get(r.categoryId)}`;
    const described = words(r.description ?? '').filter((w) => describedStems.has(termOf(w)));
    descriptionWordCount += described.length;
    documents.push({ id: r.id, text: `${name} ${described.join(' ')}` });
    names.push(name);
  }
}
await database.close();

// 3. Queries as shoppers type them: one to three words of a product's title or author, one in
// ten with a typo, one in five cut short while typing.
const random = randomStream(42);
const queries: string[] = [];
while (queries.length < 2000) {
  const name = names[Math.floor(random() * names.length)]!;
  const picked = name.split(/\s+/).filter((w) => /^[A-Za-z]{3,}$/.test(w));
  if (picked.length === 0) continue;
  const n = 1 + Math.floor(random() * 3);
  const start = Math.floor(random() * Math.max(1, picked.length - n + 1));
  const chosen = picked.slice(start, start + n);
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

// Ours and FlexSearch take turns, `rounds` times, so a neighbour's burst on a shared machine
// falls on both; each figure is the median of its rounds.
let next = 0;
const runs: Record<'ours' | 'oursFiltered' | 'flex', Measured[]> = {
  ours: [],
  oursFiltered: [],
  flex: [],
};
for (let round = 0; round < rounds; round++) {
  runs.ours.push(measure(queries, (q) => engine.search({ q })));
  runs.oursFiltered.push(
    measure(queries, () => engine.search(filtered[next++ % filtered.length]!)),
  );
  runs.flex.push(measure(queries, (q) => flex.search(q, { limit: 24 })));
}
const ours = medianOf(runs.ours);
const oursFiltered = medianOf(runs.oursFiltered);
const flexResult = medianOf(runs.flex);

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
    ours.cpuP99.toFixed(3),
    `${buildSeconds.toFixed(1)} s (CPU ${buildCpuSeconds.toFixed(1)} s)`,
    `${mb(index.buffer.byteLength)} index; peak RSS ${mb(peak)} (+${mb(peak - before)})`,
  ],
  [
    'Yuletide in-process (filters, sorts)',
    count(oursFiltered.qps),
    oursFiltered.p50.toFixed(3),
    oursFiltered.p99.toFixed(3),
    oursFiltered.cpuP99.toFixed(3),
    '',
    '',
  ],
  [
    'FlexSearch 0.8 (forward)',
    count(flexResult.qps),
    flexResult.p50.toFixed(3),
    flexResult.p99.toFixed(3),
    flexResult.cpuP99.toFixed(3),
    `${flexBuild.toFixed(1)} s`,
    `${mb(flexMemory)} heap`,
  ],
  [
    'MiniSearch 7 (prefix, fuzzy)',
    count(miniResult.qps),
    miniResult.p50.toFixed(3),
    miniResult.p99.toFixed(3),
    miniResult.cpuP99.toFixed(3),
    `${miniBuild.toFixed(1)} s`,
    `${mb(miniMemory)} heap`,
  ],
];
console.log(
  `\nin-process, one thread, ${queries.length} text queries (MiniSearch: the first 200), ${seconds} s each; medians of ${rounds} alternating rounds (MiniSearch: one):\n`,
);
console.log(
  table(['engine', 'queries/s', 'p50 ms', 'p99 ms', 'p99 CPU ms', 'build', 'memory'], rows),
);
console.log(
  `\nindexed from descriptions: ${count(describedStems.size)} words rare enough (${(descriptionWordCount / documents.length).toFixed(1)} a product; the libraries get the same)`,
);
console.log(`engine start from the built index: ${engineMs.toFixed(0)} ms (per query thread)`);
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
/** Each rebuild: the load around it (`before`: the windows before and after), during it, its time. */
const reindexRuns: { before: Load; during: Load; rebuild: number }[] = [];
let steady: Load;
let rss: number;
try {
  if (!listening.test(daemon.output()) || !/"source":"snapshot"/.test(daemon.output())) {
    console.log('note: the restart did not use the snapshot');
  }
  const url = `http://127.0.0.1:${daemon.port}`;
  const paths = queries.map((q) => `/search?q=${encodeURIComponent(q)}`);
  loadWith(url, paths, { seconds: 5 }); // every query thread compiled and warm
  // Capacity: as many queries as 16 connections can ask, each as soon as the last is answered.
  steady = loadWith(url, paths, { seconds });
  rss =
    Number(
      /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${daemon.child.pid}/status`, 'utf8'))?.[1] ?? 0,
    ) * 1024;
  // Rebuilds under a steady load below capacity (a daemon run flat out has no room for anything
  // else): each connection pauses between queries so that together they ask `loadShare` of it.
  const pauseMs = (connections * 1000) / (steady.requestsPerSecond * loadShare);
  // Quiet windows between rebuilds; each rebuild is compared with the windows on either side of
  // it, so a neighbour's burst or lull on a shared machine weighs on both sides alike.
  const quiet = () => merged([1, 2, 3].map(() => loadWith(url, paths, { seconds: 5, pauseMs })));
  let before = quiet();
  for (let run = 0; run < reindexes; run++) {
    const started = performance.now();
    const reindex = spawn(
      process.execPath,
      [path.join(PROJECT_ROOT, 'bin', 'yuletide.js'), 'reindex'],
      { env: { ...process.env, ...env, SEARCH_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let rebuilding = true;
    const rebuilt = new Promise<number | null>((resolve) =>
      reindex.on('exit', (code) => {
        rebuilding = false;
        resolve(code);
      }),
    );
    // Slices until the new index serves, so the whole rebuild and swap run under load.
    const slices: Load[] = [];
    while (rebuilding) {
      slices.push(loadWith(url, paths, { seconds: 5, pauseMs }));
      await new Promise((resolve) => setTimeout(resolve, 20)); // let the exit event in
    }
    if ((await rebuilt) !== 0) console.log(`note: reindex ${run + 1} failed`);
    const rebuild = (performance.now() - started) / 1000;
    const after = quiet();
    reindexRuns.push({ before: merged([before, after]), during: merged(slices), rebuild });
    before = after;
  }
} finally {
  await daemon.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await seeded.drop();
}

const errors = (l: Load) => String(l.non2xx + l.socketErrors);
console.log(
  `\nthrough the daemon (${os.availableParallelism()} query threads, HTTP keep-alive, wrk -c ${connections}):\n`,
);
console.log(
  table(
    ['load', 'queries/s', 'p50 ms', 'p99 ms', 'errors'],
    [
      [
        'capacity (no pauses)',
        count(steady.requestsPerSecond),
        steady.p50Ms.toFixed(2),
        steady.p99Ms.toFixed(2),
        errors(steady),
      ],
    ],
  ),
);
const ratios = reindexRuns.map((r) => r.during.p99Ms / r.before.p99Ms);
console.log(
  `\nreindex under ${Math.round(loadShare * 100)}% of capacity (outside: the 15 s before and after; during: 5-s slices until the new index serves; p50/p99 over all queries of each phase):\n`,
);
console.log(
  table(
    ['run', 'outside q/s', 'p50', 'p99', 'during q/s', 'p50', 'p99', 'p99 ×', 'errors', 'rebuild'],
    reindexRuns.map((r, i) => [
      String(i + 1),
      count(r.before.requestsPerSecond),
      r.before.p50Ms.toFixed(2),
      r.before.p99Ms.toFixed(2),
      count(r.during.requestsPerSecond),
      r.during.p50Ms.toFixed(2),
      r.during.p99Ms.toFixed(2),
      ratios[i]!.toFixed(2),
      errors(r.during),
      `${r.rebuild.toFixed(0)} s`,
    ]),
  ),
);
const duringErrors = reindexRuns.reduce((n, r) => n + r.during.non2xx + r.during.socketErrors, 0);
console.log(
  `\ndaemon RSS ${mb(rss)}; start from the database ${coldStart.toFixed(1)} s, restart from the snapshot ${warmStart.toFixed(1)} s`,
);

const pass = (ok: boolean) => (ok ? 'pass' : 'FAIL');
console.log(`\nbars (issue 5), ${count(products)} products:`);
console.log(
  `  in-process queries/s ≥ FlexSearch: ${count(ours.qps)} vs ${count(flexResult.qps)} (${(ours.qps / flexResult.qps).toFixed(1)}×) ${pass(ours.qps >= flexResult.qps)}`,
);
console.log(
  `  in-process p99 < 5 ms:             ${ours.p99.toFixed(2)} ms (CPU time ${ours.cpuP99.toFixed(2)} ms) ${pass(ours.p99 < 5)}`,
);
console.log(
  `  build ≤ 60 s:                      ${buildSeconds.toFixed(1)} s (CPU time ${buildCpuSeconds.toFixed(1)} s) ${pass(buildSeconds <= 60)}`,
);
console.log(`  build memory ≤ 1 GB:               peak RSS ${mb(peak)} ${pass(peak <= 1024 ** 3)}`);
if (reindexRuns.length > 0) {
  const ratio = median(ratios);
  console.log(
    `  no failed query during reindex:    ${duringErrors} errors ${pass(duringErrors === 0)}`,
  );
  console.log(
    `  not slowed (p99 ≤ 1.25× outside):  median ${ratio.toFixed(2)}× of ${ratios.length} runs ${pass(ratio <= 1.25)}`,
  );
}

/** What wrk measured: rates, errors, and the latency at each tenth of a percent. */
interface Load {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly socketErrors: number;
  /** quantiles[i]: the latency (ms) below which (i + 1) / 10 % of requests fell. */
  readonly quantiles: readonly number[];
}

/**
 * Runs wrk for `seconds` over `paths` at random; with `pauseMs`, each connection waits about that
 * long (half to one and a half times) before its next request, which keeps the load below
 * capacity. Reports the latency at every tenth of a percent, so phases can be merged (`merged`).
 */
function loadWith(
  url: string,
  paths: readonly string[],
  options: { seconds: number; pauseMs?: number },
): Load {
  ensureCommand('wrk');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-wrk-'));
  const script = path.join(dir, 'script.lua');
  fs.writeFileSync(
    script,
    `local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
local pause = ${options.pauseMs ?? 0}
request = function() return wrk.format(nil, paths[math.random(#paths)]) end
${options.pauseMs ? 'delay = function() return pause * (0.5 + math.random()) end' : ''}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %f %d %d\\n", summary.requests, summary.duration / 1e6,
    e.status, e.connect + e.read + e.write + e.timeout))
  local q = {}
  for i = 1, 1000 do q[i] = string.format("%.3f", latency:percentile(i / 10) / 1000) end
  io.write("QUANTILES ", table.concat(q, " "), "\\n")
end
`,
  );
  try {
    const output = execFileSync(
      'wrk',
      ['-t', '1', '-c', String(connections), '-d', `${options.seconds}s`, '-s', script, url],
      { encoding: 'utf8' },
    );
    const result = /RESULT (\d+) (\S+) (\d+) (\d+)/.exec(output);
    const quantiles = /QUANTILES (.*)/.exec(output)?.[1]?.split(' ').map(Number);
    if (!result || quantiles?.length !== 1000) throw new Error(`unexpected wrk output:\n${output}`);
    const requests = Number(result[1]);
    const elapsed = Number(result[2]);
    return {
      requests,
      seconds: elapsed,
      requestsPerSecond: requests / elapsed,
      p50Ms: quantiles[499]!,
      p99Ms: quantiles[989]!,
      non2xx: Number(result[3]),
      socketErrors: Number(result[4]),
      quantiles,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Several runs as one: each run's quantiles stand for a thousandth of its requests each, so the
 * merged percentiles weigh every run by its number of requests.
 */
function merged(loads: readonly Load[]): Load {
  const points: { ms: number; weight: number }[] = [];
  for (const load of loads) {
    for (const ms of load.quantiles) points.push({ ms, weight: load.requests / 1000 });
  }
  points.sort((a, b) => a.ms - b.ms);
  const requests = loads.reduce((n, l) => n + l.requests, 0);
  const at = (p: number) => {
    let seen = 0;
    for (const point of points) {
      seen += point.weight;
      if (seen >= requests * p - 1e-9) return point.ms;
    }
    return points.at(-1)?.ms ?? 0;
  };
  const elapsed = loads.reduce((n, l) => n + l.seconds, 0);
  return {
    requests,
    seconds: elapsed,
    requestsPerSecond: requests / Math.max(elapsed, 1e-9),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    non2xx: loads.reduce((n, l) => n + l.non2xx, 0),
    socketErrors: loads.reduce((n, l) => n + l.socketErrors, 0),
    quantiles: Array.from({ length: 1000 }, (_, i) => at((i + 1) / 1000)),
  };
}
