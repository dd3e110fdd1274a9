import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { ConfigError } from '../shared/index.js';
import { config, withCommon } from './command-options.js';

/** The project folder (templates/, public/), two levels above dist/src/cli/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const program = new Command('yuletide').description(
  'Yuletide: a large-scale e-commerce system and its store',
);

withCommon(program.command('seed'))
  .description('create the schema and fill an empty database with a generated catalog')
  .option('--products <n>', 'how many products', '50000')
  .option('--seed <n>', 'the same seed always gives the same catalog', '2000')
  .action(async (flags) => {
    const { runSeed } = await import('./commands/seed.js');
    return runSeed(config(flags), { products: flags.products, seed: flags.seed });
  });

withCommon(program.command('migrate'))
  .description('apply pending schema migrations')
  .action(async (flags) => (await import('./commands/migrate.js')).runMigrate(config(flags)));

const cache = program.command('cache').description("the app servers' object cache on this host");
withCommon(cache.command('stats'))
  .description('what the LMDB tier holds, and hit ratios per tier and part from the running store')
  .option('--url <url>', 'a running app server or proxy (default http://HOST:PORT)')
  .action(async (flags) => {
    const settings = config(flags);
    const { runCacheStats } = await import('./commands/cache.js');
    return runCacheStats(settings, flags.url ?? `http://${settings.host}:${settings.port}`);
  });
withCommon(cache.command('clear'))
  .description('empty the LMDB tier and tell every app process to empty its memory')
  .action(async (flags) => (await import('./commands/cache.js')).runCacheClear(config(flags)));

withCommon(program.command('app'))
  .description('run one app server')
  .option('--port <port>', 'port to listen on (env PORT)')
  .option('--host <host>', 'address to listen on (env HOST)')
  .action(async (flags) => (await import('./commands/app.js')).runApp(config(flags), ROOT));

withCommon(program.command('start'))
  .description('create and seed the database when empty, then run the store')
  .option('--port <port>', 'the store port (env PORT, default 8080)')
  .option('--host <host>', 'address to listen on (env HOST)')
  .option('--products <n>', 'products to seed into an empty database', '50000')
  .action(async (flags) => {
    const { runStart } = await import('./commands/start.js');
    return runStart(config(flags), ROOT, { products: flags.products });
  });

// These modules register their commands' options themselves and load their tier with them, so
// each is loaded only when one of its commands runs (or for help): `yuletide reindex` beside a
// busy search daemon took 0.45 s of CPU to start when every tier was loaded first.
const REGISTERED_ELSEWHERE: Record<string, () => Promise<void>> = {
  proxy: async () => (await import('./commands/proxy.js')).registerProxy(program, ROOT),
  search: async () => (await import('./commands/search.js')).registerSearch(program),
  bench: async () => (await import('./commands/bench.js')).registerBench(program, ROOT),
  status: async () => (await import('./commands/operations.js')).registerOperations(program),
};
const COMMAND_MODULE: Record<string, string> = { reindex: 'search', purge: 'status' };
const named = process.argv[2] ?? '';
const own = program.commands.some((command) => command.name() === named);
const home = COMMAND_MODULE[named] ?? named;
for (const [name, register] of Object.entries(REGISTERED_ELSEWHERE)) {
  if (!own && (home === name || !(home in REGISTERED_ELSEWHERE))) await register();
}

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`yuletide: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
