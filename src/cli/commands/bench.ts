import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError, type Config } from '../../shared/index.js';
import { config, withCommon } from '../command-options.js';
import {
  htmlReport,
  parseMix,
  runLoad,
  forkStubStore,
  startLocalStore,
  textReport,
  type LocalStore,
} from '../load-test/index.js';

/** 10× eToys' 200,000 sessions an hour: the issue's bar, a second. */
const BAR_RATE = '556';
/** Products seeded into an empty database when bench starts the store itself (as `npm start`). */
const START_PRODUCTS = 50_000;

/** The stub store's catalog, as the load run. */
const STUB_PRODUCTS = 1_000_000;

interface BenchFlags {
  readonly url?: string;
  readonly duration: string;
  readonly warmup: string;
  readonly rate: string;
  readonly report: string;
  readonly mix?: string;
  readonly connections: string;
  readonly maxSessions: string;
  readonly seed: string;
  readonly products?: string;
  readonly stub?: boolean;
}

/** `yuletide bench`: the whole-site load test (docs/load-test.md). */
export function registerBench(program: Command, root: string): void {
  withCommon(program.command('bench'))
    .description(
      "drive the store like shoppers at a set rate, and report page views, sessions and orders an hour against eToys' peak",
    )
    .option(
      '--url <url>',
      'the running store (its proxy); without it, bench starts one (yuletide start) on a free port',
    )
    .option('--duration <seconds>', 'seconds of measured load', '60')
    .option('--warmup <seconds>', 'seconds of load before measuring (fills the caches)', '0')
    .option('--rate <sessions>', "new shopping sessions a second (556 = 10× eToys' peak)", BAR_RATE)
    .option('--report <file>', 'where to write the HTML report', 'bench-report.html')
    .option('--mix <list>', 'what shoppers do, name=value,… (see docs/load-test.md)')
    .option(
      '--connections <n>',
      'keep-alive connections to the store (shared by all shoppers)',
      '512',
    )
    .option(
      '--max-sessions <n>',
      'sessions in progress at most; arrivals beyond it count as errors',
      '10000',
    )
    .option('--seed <n>', 'the same seed gives the same shoppers', '2000')
    .option(
      '--products <n>',
      'products in the catalog (else found by probing /p/:id); when bench starts the store, seeds an empty database with this many (default 50000)',
    )
    .option(
      '--stub',
      "run against a stub store (canned pages, its own process) to measure the generator's own CPU",
    )
    .option('--admin-token <token>', "for the proxy's /__status off loopback (env ADMIN_TOKEN)")
    .action((flags: BenchFlags) =>
      runBench(config(flags as unknown as Record<string, unknown>), root, flags),
    );
}

async function runBench(settings: Config, root: string, flags: BenchFlags): Promise<void> {
  const duration = number('--duration', flags.duration, 0.1);
  const warmup = number('--warmup', flags.warmup, 0);
  const rate = number('--rate', flags.rate, 0.01);
  const connections = whole('--connections', flags.connections, 1);
  const maxSessions = whole('--max-sessions', flags.maxSessions, 1);
  const seed = whole('--seed', flags.seed, 0);
  const products =
    flags.products === undefined ? undefined : whole('--products', flags.products, 1);
  const mix = parseMix(flags.mix);
  if (flags.url !== undefined && !/^https?:\/\//.test(flags.url)) {
    throw new ConfigError(`--url must be an http:// or https:// address (got '${flags.url}')`);
  }
  const reportPath = path.resolve(flags.report);

  let store: LocalStore | undefined;
  let url = flags.url;
  if (flags.stub) {
    if (url !== undefined) throw new ConfigError('--stub and --url cannot go together');
    store = await forkStubStore({ products: products ?? STUB_PRODUCTS });
    url = store.url;
  } else if (url === undefined) {
    console.error(`starting the store (yuletide start, DATA_DIR ${settings.dataDir})…`);
    store = await startLocalStore(settings, root, {
      products: products ?? START_PRODUCTS,
      timeoutMs: 15 * 60_000,
      env: process.env,
    });
    url = store.url;
    console.error(`the store is ready at ${url}`);
  }
  try {
    const result = await runLoad({
      url,
      duration,
      warmup,
      rate,
      mix,
      connections,
      maxSessions,
      seed,
      products: flags.stub ? (products ?? STUB_PRODUCTS) : products,
      adminToken: settings.adminToken,
    });
    fs.mkdirSync(path.dirname(reportPath), { recursive: true });
    fs.writeFileSync(reportPath, htmlReport(result));
    process.stdout.write(textReport(result, reportPath));
  } finally {
    await store?.stop();
  }
}

function number(flag: string, raw: string, min: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min) {
    throw new ConfigError(`${flag} must be a number ≥ ${min} (got '${raw}')`);
  }
  return value;
}

function whole(flag: string, raw: string, min: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new ConfigError(`${flag} must be a whole number ≥ ${min} (got '${raw}')`);
  }
  return Number(raw);
}
