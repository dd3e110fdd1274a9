import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { ConfigError } from '../shared/index.js';
import { config, withCommon } from './command-options.js';
import { runApp } from './commands/app.js';
import { runSeed } from './commands/seed.js';
import { runStart } from './commands/start.js';
import { runMigrate } from './commands/migrate.js';
import { runCacheClear, runCacheStats } from './commands/cache.js';
import { registerProxy } from './commands/proxy.js';
import { registerSearch } from './commands/search.js';
import { registerBench } from './commands/bench.js';
import { registerOperations } from './commands/operations.js';

/** The project folder (templates/, public/), two levels above dist/src/cli/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const program = new Command('yuletide').description(
  'Yuletide: a large-scale e-commerce system and its store',
);

withCommon(program.command('seed'))
  .description('create the schema and fill an empty database with a generated catalog')
  .option('--products <n>', 'how many products', '50000')
  .option('--seed <n>', 'the same seed always gives the same catalog', '2000')
  .action((flags) => runSeed(config(flags), { products: flags.products, seed: flags.seed }));

withCommon(program.command('migrate'))
  .description('apply pending schema migrations')
  .action((flags) => runMigrate(config(flags)));

const cache = program.command('cache').description("the app servers' object cache on this host");
withCommon(cache.command('stats'))
  .description('what the LMDB tier holds, and hit ratios per tier and part from the running store')
  .option('--url <url>', 'a running app server or proxy (default http://HOST:PORT)')
  .action((flags) => {
    const settings = config(flags);
    return runCacheStats(settings, flags.url ?? `http://${settings.host}:${settings.port}`);
  });
withCommon(cache.command('clear'))
  .description('empty the LMDB tier and tell every app process to empty its memory')
  .action((flags) => runCacheClear(config(flags)));

withCommon(program.command('app'))
  .description('run one app server')
  .option('--port <port>', 'port to listen on (env PORT)')
  .option('--host <host>', 'address to listen on (env HOST)')
  .action((flags) => runApp(config(flags), ROOT));

withCommon(program.command('start'))
  .description('create and seed the database when empty, then run the store')
  .option('--port <port>', 'the store port (env PORT, default 8080)')
  .option('--host <host>', 'address to listen on (env HOST)')
  .option('--products <n>', 'products to seed into an empty database', '50000')
  .action((flags) => runStart(config(flags), ROOT, { products: flags.products }));

registerProxy(program, ROOT);
registerSearch(program);
registerBench(program, ROOT);
registerOperations(program);

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`yuletide: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
