import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  ConfigError,
  createLogger,
  csrfToken,
  type Config,
  type Logger,
} from '../../shared/index.js';
import { ChangeFeedReader, openDatabase } from '../../db/index.js';
import {
  DiskPageStore,
  MemoryPageStore,
  MemoryThrottleStore,
  Operations,
  PageCache,
  ProxyMetrics,
  ProxyServer,
  RedisThrottleStore,
  SessionMinter,
  StaticFiles,
  StickyBalancer,
  Throttle,
  TieredPageStore,
  clusterProcesses,
  tagForChange,
  type ThrottleStore,
} from '../../proxy/index.js';
import { config, withCommon } from '../command-options.js';
import { siteSecret } from '../site-secret.js';
import { stopOn } from './app.js';

export interface ProxyCommandOptions {
  /** MiB of pages kept in memory (`--cache-memory`). */
  readonly cacheMemory: string;
  /** MiB of pages kept on disk under DATA_DIR/page-cache (`--cache-disk`). */
  readonly cacheDisk: string;
  /** Serve `public/` under /static/ (`--no-static` turns it off for a pure any-origin proxy). */
  readonly static: boolean;
  /** What the balancer's health checks ask each upstream for (`--health-path`). */
  readonly healthPath: string;
  /** Answer GET of this path with the session's CSRF token here (`--csrf-path`); absent: forward it. */
  readonly csrfPath?: string;
}

/** Files the proxy answers at the site root, from public/: the first that exists wins. */
const ROOT_FILES = { '/favicon.ico': ['favicon.ico', 'favicon.svg'] };
/** At most one change-feed warning this often, so a lost database does not flood the log. */
const FEED_WARNING_EVERY_MS = 10_000;
/**
 * Changed pages are purged again this long after the first purge. The app servers read the
 * same feed to drop their object caches; a request that reaches an app server before its
 * reader has run gets the old data, and that page would be cached again. One second covers
 * their polling (100 ms on SQLite, a notification on PostgreSQL) with room to spare.
 */
const SECOND_PURGE_MS = 1000;

/** Adds `yuletide proxy` to the command line. */
export function registerProxy(program: Command, root: string): void {
  withCommon(program.command('proxy'))
    .description('run the proxy tier: page cache, static files, sessions, balancing, throttling')
    .option('--port <port>', 'port to listen on (env PORT, default 8080)')
    .option('--host <host>', 'address to listen on (env HOST)')
    .option('--upstream <urls>', 'comma-separated origins to forward to (env UPSTREAMS)')
    .option(
      '--admin-token <token>',
      'bearer token for PURGE and /__ pages off loopback (env ADMIN_TOKEN)',
    )
    .option('--tls-cert <file>', 'PEM certificate: serve HTTPS (env TLS_CERT)')
    .option('--tls-key <file>', 'PEM private key for --tls-cert (env TLS_KEY)')
    .option('--redis-url <url>', 'share throttle counts through Redis (env REDIS_URL)')
    .option('--cache-memory <MiB>', 'page cache held in memory', '256')
    .option('--cache-disk <MiB>', 'page cache held on disk under DATA_DIR/page-cache', '2048')
    .option('--no-static', 'forward /static/ to the origin instead of serving public/')
    .option(
      '--health-path <path>',
      "checked on each upstream; 2xx is healthy (any origin: '/')",
      '/__health',
    )
    .option(
      '--csrf-path <path>',
      "answer GET of this path with the session's CSRF token, as the store's /csrf-token does",
    )
    .action((flags) =>
      runProxy(config(flags), root, {
        cacheMemory: flags.cacheMemory,
        cacheDisk: flags.cacheDisk,
        static: flags.static,
        healthPath: flags.healthPath,
        csrfPath: flags.csrfPath,
      }),
    );
}

/**
 * `yuletide proxy`: the proxy tier in front of `--upstream` (the app servers, or any origin),
 * until SIGTERM or SIGINT, then a graceful stop.
 */
export async function runProxy(
  config: Config,
  root: string,
  options: ProxyCommandOptions,
): Promise<void> {
  if (config.upstreams.length === 0) {
    throw new ConfigError('the proxy needs an origin: give --upstream URL[,URL…] (env UPSTREAMS)');
  }
  const memoryBytes = mebibytes('--cache-memory', options.cacheMemory);
  const diskBytes = mebibytes('--cache-disk', options.cacheDisk);
  const tls =
    config.tlsCert !== undefined && config.tlsKey !== undefined
      ? {
          cert: readPem('TLS_CERT (--tls-cert)', config.tlsCert),
          key: readPem('TLS_KEY (--tls-key)', config.tlsKey),
        }
      : undefined;
  const log = createLogger({ level: config.logLevel, role: 'proxy' });
  const secret = siteSecret(config);
  const sessions = new SessionMinter({ secret, secure: tls !== undefined });
  const metrics = new ProxyMetrics();
  const paths = { '--health-path': options.healthPath, '--csrf-path': options.csrfPath };
  for (const [flag, value] of Object.entries(paths)) {
    if (value !== undefined && !value.startsWith('/')) {
      throw new ConfigError(`${flag} must start with / (got '${value}')`);
    }
  }
  const balancer = new StickyBalancer({
    upstreams: config.upstreams,
    log,
    healthPath: options.healthPath,
    onAttempt: metrics.observeUpstream,
  });
  let throttleStore: ThrottleStore | undefined;
  if (config.throttle.enabled) {
    if (config.redisUrl) {
      const redis = new RedisThrottleStore({ url: config.redisUrl, log });
      await redis
        .ready()
        .catch((error: unknown) =>
          log.warn({ err: error }, 'Redis not ready: throttling fails open until it is'),
        );
      throttleStore = redis;
    } else {
      throttleStore = new MemoryThrottleStore();
    }
  }
  const store = new TieredPageStore(
    new MemoryPageStore({ maxBytes: memoryBytes }),
    new DiskPageStore({ path: path.join(config.dataDir, 'page-cache'), maxBytes: diskBytes, log }),
  );
  const cache = new PageCache({ store, log });
  let port = config.port;
  const operations = new Operations({
    balancer,
    metrics,
    processes: clusterProcesses({
      dataDir: config.dataDir,
      port: () => port,
      upstreams: config.upstreams,
    }),
  });
  const server = new ProxyServer({
    log,
    upstream: balancer,
    cache,
    sessions,
    throttle: throttleStore
      ? new Throttle({
          rate: config.throttle.rate,
          burst: config.throttle.burst,
          store: throttleStore,
        })
      : undefined,
    staticFiles: options.static
      ? new StaticFiles({ root: path.join(root, 'public'), aliases: ROOT_FILES })
      : undefined,
    adminToken: config.adminToken,
    tls,
    operations,
    metrics,
    csrf: options.csrfPath
      ? { path: options.csrfPath, token: (sessionId) => csrfToken(secret, sessionId) }
      : undefined,
  });
  const feed = await followChangeFeed(config, cache, log);
  balancer.start();
  port = await server.listen(config.port, config.host);
  log.info(
    {
      port,
      host: config.host,
      upstreams: config.upstreams,
      tls: tls !== undefined,
      changeFeed: feed !== undefined,
      throttle: config.throttle.enabled ? (config.redisUrl ? 'redis' : 'memory') : 'off',
    },
    'proxy listening',
  );
  stopOn(['SIGTERM', 'SIGINT'], async () => {
    log.info('stopping: finishing in-flight requests');
    await server.close();
    await Promise.allSettled([
      balancer.close(),
      feed?.stop(),
      throttleStore?.close(),
      store.close(),
    ]);
    log.info('stopped');
    log.flush();
  });
}

/**
 * Purges pages when products or categories change, from the database's change feed. Skipped
 * (PURGE still works) when there is no database to read: an any-origin proxy needs none.
 */
async function followChangeFeed(
  config: Config,
  cache: PageCache,
  log: Logger,
): Promise<{ stop(): Promise<void> } | undefined> {
  const url = config.databaseUrl;
  if (url.startsWith('sqlite:') && !fs.existsSync(url.slice('sqlite:'.length))) {
    log.info({ database: url }, 'no database: pages are purged only by PURGE');
    return undefined;
  }
  let lastWarning = 0;
  const database = openDatabase(url, { maxConnections: 2 });
  const reader = new ChangeFeedReader(database, {
    onError: (error) => {
      if (Date.now() - lastWarning < FEED_WARNING_EVERY_MS) return;
      lastWarning = Date.now();
      log.warn({ err: error }, 'change feed read failed; retrying');
    },
  });
  const timers = new Set<NodeJS.Timeout>();
  const purge = (tags: string[]) => {
    const purged = cache.purgeTags(tags);
    log.debug({ keys: tags, purged }, 'purged from the change feed');
  };
  try {
    await reader.start((changes) => {
      const tags = new Set<string>();
      for (const change of changes) {
        const tag = tagForChange(change);
        if (tag) tags.add(tag);
      }
      if (tags.size === 0) return;
      purge([...tags]);
      const timer = setTimeout(() => {
        timers.delete(timer);
        purge([...tags]);
      }, SECOND_PURGE_MS);
      timers.add(timer);
    });
  } catch (error) {
    log.warn({ err: error, database: url }, 'no change feed: pages are purged only by PURGE');
    await database.close().catch(() => undefined);
    return undefined;
  }
  return {
    stop: async () => {
      for (const timer of timers) clearTimeout(timer);
      await reader.stop();
      await database.close();
    },
  };
}

function mebibytes(flag: string, raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < 1 || value > 1024 * 1024) {
    throw new ConfigError(`${flag} must be a whole number of MiB from 1 to 1048576 (got '${raw}')`);
  }
  return value * 1024 * 1024;
}

function readPem(name: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new ConfigError(`${name} cannot be read: ${file}`, { cause: error });
  }
}
