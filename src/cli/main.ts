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
// each is loaded only when one of its commands runs (all of them for help or an unknown command):
// `yuletide reindex` beside a busy search daemon took 0.45 s of CPU to start when every tier was
// loaded first.
const registerProxy = async () =>
  (await import('./commands/proxy.js')).registerProxy(program, ROOT);
const registerSearch = async () => (await import('./commands/search.js')).registerSearch(program);
const registerBench = async () =>
  (await import('./commands/bench.js')).registerBench(program, ROOT);
const registerOperations = async () =>
  (await import('./commands/operations.js')).registerOperations(program);
const REGISTERS_COMMAND: Record<string, () => Promise<void>> = {
  proxy: registerProxy,
  search: registerSearch,
  reindex: registerSearch,
  bench: registerBench,
  status: registerOperations,
  purge: registerOperations,
};
const named = process.argv[2] ?? '';
if (Object.hasOwn(REGISTERS_COMMAND, named)) await REGISTERS_COMMAND[named]!();
else if (!program.commands.some((command) => command.name() === named)) {
  for (const register of new Set(Object.values(REGISTERS_COMMAND))) await register();
}

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`yuletide: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
