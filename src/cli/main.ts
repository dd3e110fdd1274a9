import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig, type Config } from '../shared/index.js';
import { runApp } from './commands/app.js';
import { runSeed } from './commands/seed.js';
import { runStart } from './commands/start.js';
import { runMigrate } from './commands/migrate.js';

/** The project folder (templates/, public/), two levels above dist/src/cli/. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Flags shared by every command; each overrides the environment variable it names. */
const COMMON: readonly (readonly [flag: string, env: string, help: string])[] = [
  ['--data-dir <dir>', 'DATA_DIR', 'where the embedded database and local caches live'],
  ['--database-url <url>', 'DATABASE_URL', 'sqlite:<file> or postgres://…'],
  ['--log-level <level>', 'LOG_LEVEL', 'fatal, error, warn, info, debug, trace or silent'],
];

function withCommon(command: Command): Command {
  for (const [flag, env, help] of COMMON)
    command.addOption(new Option(flag, `${help} (env ${env})`));
  return command;
}

/** Reads the configuration once: the environment, overridden by this command's flags. */
function config(flags: Record<string, unknown>): Config {
  const names: Record<string, string> = {
    port: 'PORT',
    host: 'HOST',
    dataDir: 'DATA_DIR',
    databaseUrl: 'DATABASE_URL',
    logLevel: 'LOG_LEVEL',
  };
  const overrides: Record<string, string> = {};
  for (const [key, env] of Object.entries(names)) {
    const value = flags[key];
    if (typeof value === 'string') overrides[env] = value;
  }
  return loadConfig(process.env, overrides);
}

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

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`yuletide: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
