import os from 'node:os';
import type { Command } from 'commander';
import { ConfigError, createLogger, type Config } from '../../shared/index.js';
import { config, withCommon } from '../command-options.js';

/** The daemon's port when neither `--port` nor SEARCH_URL says otherwise. */
const DEFAULT_SEARCH_PORT = 8090;

/** Adds `yuletide search` (the daemon) and `yuletide reindex` to the command line. */
export function registerSearch(program: Command): void {
  withCommon(program.command('search'))
    .description('run the search daemon: an inverted index of the catalog on every core')
    .option(
      '--port <port>',
      `port to listen on (default: SEARCH_URL's, else ${DEFAULT_SEARCH_PORT})`,
    )
    .option('--host <host>', 'address to listen on (env HOST)')
    .option('--threads <n>', 'query threads (default: one per core)')
    .option(
      '--admin-token <token>',
      'bearer token that allows reindex off loopback (env ADMIN_TOKEN)',
    )
    .option('--search-url <url>', 'where app servers find this daemon (env SEARCH_URL)')
    .action((flags: Record<string, string | undefined>) => {
      const settings = config(flags);
      return runSearch(settings, {
        port: searchPort(flags['port'], settings.searchUrl),
        threads: count('--threads', flags['threads'] ?? String(os.availableParallelism())),
      });
    });

  withCommon(program.command('reindex'))
    .description(
      'rebuild the search index from the database; searches keep being answered meanwhile',
    )
    .option(
      '--search-url <url>',
      `the daemon (env SEARCH_URL, default http://127.0.0.1:${DEFAULT_SEARCH_PORT})`,
    )
    .option(
      '--admin-token <token>',
      'bearer token, when the daemon is not on this host (env ADMIN_TOKEN)',
    )
    .action((flags: Record<string, string | undefined>) => runReindex(config(flags)));
}

/** `yuletide search`: the daemon, until SIGTERM or SIGINT. */
export async function runSearch(
  settings: Config,
  options: { port: number; threads: number },
): Promise<void> {
  // The daemon's modules are loaded here, not with the command line: `reindex` needs none of them.
  const [{ migrate, openDatabase }, { SearchServer }, { stopOn }] = await Promise.all([
    import('../../db/index.js'),
    import('../../search/index.js'),
    import('./app.js'),
  ]);
  const log = createLogger({ level: settings.logLevel, role: 'search' });
  const database = openDatabase(settings.databaseUrl);
  await migrate(database);
  const server = new SearchServer({
    database,
    databaseUrl: settings.databaseUrl,
    dataDir: settings.dataDir,
    threads: options.threads,
    log,
    adminToken: settings.adminToken,
  });
  const loaded = await server.start();
  const port = await server.listen(options.port, settings.host);
  log.info(
    {
      port,
      host: settings.host,
      products: loaded.index.meta.docs,
      threads: options.threads,
      source: loaded.source,
    },
    'search daemon listening',
  );
  stopOn(['SIGTERM', 'SIGINT'], async () => {
    log.info('stopping: finishing in-flight searches');
    await server.close();
    await database.close();
    log.info('stopped');
    log.flush();
  });
}

/** `yuletide reindex`: asks the daemon to rebuild, and waits until the new index serves. */
export async function runReindex(settings: Config): Promise<void> {
  const base = settings.searchUrl ?? `http://127.0.0.1:${DEFAULT_SEARCH_PORT}`;
  const headers: Record<string, string> = {};
  if (settings.adminToken !== undefined) headers['authorization'] = `Bearer ${settings.adminToken}`;
  const { request } = await import('undici');
  let response;
  try {
    response = await request(`${base}/__reindex`, {
      method: 'POST',
      headers,
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  } catch (error) {
    console.error(`yuletide: no search daemon answered at ${base} (${(error as Error).message})`);
    process.exitCode = 1;
    return;
  }
  const text = await response.body.text();
  if (response.statusCode !== 200) {
    console.error(`yuletide: reindex failed (${response.statusCode}): ${text}`);
    process.exitCode = 1;
    return;
  }
  const report = JSON.parse(text) as { products: number; millis: number };
  console.log(
    `reindexed ${report.products.toLocaleString('en-US')} products in ${(report.millis / 1000).toFixed(1)} s`,
  );
}

function searchPort(flag: string | undefined, searchUrl: string | undefined): number {
  if (flag !== undefined) return count('--port', flag, 0);
  if (searchUrl !== undefined) {
    const { port, protocol } = new URL(searchUrl);
    return port === '' ? (protocol === 'https:' ? 443 : 80) : Number(port);
  }
  return DEFAULT_SEARCH_PORT;
}

function count(flag: string, raw: string, min = 1): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > 65535) {
    throw new ConfigError(`${flag} must be a whole number from ${min} to 65535 (got '${raw}')`);
  }
  return value;
}
