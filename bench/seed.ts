// Seeds a million products (or `--products N`) into a fresh SQLite file and reports time and memory.
// Run: npm run build && node dist/bench/seed.js [--products N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openDatabase, seedCatalog } from '../src/db/index.js';

/** The bar for a million products on SQLite. */
const TARGET_SECONDS = 180;

function productsFlag(argv: readonly string[]): number {
  const at = argv.indexOf('--products');
  if (at === -1) return 1_000_000;
  const value = Number(argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`--products must be a positive integer (got '${argv[at + 1] ?? ''}')`);
  }
  return value;
}

const products = productsFlag(process.argv.slice(2));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-bench-seed-'));
const file = path.join(dir, 'seed.db');
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

try {
  const database = openDatabase(`sqlite:${file}`);
  await migrate(database);
  let lastDecile = 0;
  const report = await seedCatalog(database, {
    products,
    seed: 1,
    onProgress: (written, total) => {
      const decile = Math.floor((written * 10) / total);
      if (decile > lastDecile) {
        lastDecile = decile;
        process.stderr.write(`  ${decile * 10}% (${written.toLocaleString('en-US')})\n`);
      }
    },
  });
  await database.close();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const seconds = report.millis / 1000;
  const size = fs
    .readdirSync(dir)
    .reduce((sum, name) => sum + fs.statSync(path.join(dir, name)).size, 0);
  console.log(`seed (SQLite, ${os.cpus().length} CPUs, Node ${process.version})`);
  console.log(
    `  products:          ${products.toLocaleString('en-US')} (+ ${report.categories} categories, ${report.brands} brands)`,
  );
  console.log(
    `  seed time:         ${seconds.toFixed(1)} s (target for 1,000,000: < ${TARGET_SECONDS} s)`,
  );
  console.log(`  products/second:   ${Math.round(products / seconds).toLocaleString('en-US')}`);
  console.log(`  peak RSS sampled:  ${mb(peakRss)} (every 100 ms)`);
  // maxRSS is in kilobytes.
  console.log(`  maxRSS (kernel):   ${mb(process.resourceUsage().maxRSS * 1024)}`);
  console.log(`  database on disk:  ${mb(size)}`);
} finally {
  clearInterval(sampler);
  fs.rmSync(dir, { recursive: true, force: true });
}
