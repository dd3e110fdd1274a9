// Product-page throughput of one app server process, measured with wrk, on SQLite and on
// PostgreSQL in the same run (the page cache and the object cache are not in front of it).
// Run: npm run build && node dist/bench/app-server.js [--products 100000] [--seconds 10] [--runs 3]
import { parseArgs } from 'node:util';
import { startYuletide } from '../src/testing/index.js';
import { seededDatabase } from './lib/bench-database.js';
import { count, median, table } from './lib/measure.js';
import { wrk } from './lib/wrk.js';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '10' },
    runs: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
  },
});
const products = Number(values.products);
const seconds = Number(values.seconds);
const runs = Number(values.runs);
const connections = Number(values.connections);

/** Product pages requested at random, uniformly over the catalog. */
const paths = Array.from({ length: 5000 }, () => `/p/${1 + Math.floor(Math.random() * products)}`);

const rows: string[][] = [];
let baseline = 0;
for (const dialect of ['sqlite', 'postgres'] as const) {
  process.stdout.write(`${dialect}: seeding ${count(products)} products… `);
  const database = await seededDatabase(dialect, products);
  const app = await startYuletide(['app', '--port', '0'], { DATABASE_URL: database.url });
  try {
    const url = `http://127.0.0.1:${app.port}`;
    wrk(url, { seconds: 2, connections, paths });
    const results = Array.from({ length: runs }, () => wrk(url, { seconds, connections, paths }));
    const rps = median(results.map((r) => r.requestsPerSecond));
    baseline ||= rps;
    const errors = results.reduce((sum, r) => sum + r.non2xx + r.socketErrors, 0);
    rows.push([
      dialect,
      count(rps),
      median(results.map((r) => r.p50Ms)).toFixed(2),
      median(results.map((r) => r.p99Ms)).toFixed(2),
      String(errors),
      `${(rps / baseline).toFixed(2)}×`,
    ]);
    console.log('done');
  } finally {
    await app.stop();
    await database.drop();
  }
}
console.log(
  `\nproduct pages from one app server, wrk -c ${connections}, median of ${runs} × ${seconds} s, ${count(products)} products:\n`,
);
console.log(table(['database', 'pages/s', 'p50 ms', 'p99 ms', 'errors', 'vs SQLite'], rows));
