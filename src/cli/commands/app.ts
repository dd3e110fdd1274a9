import path from 'node:path';
import { createLogger, type Config, type Logger } from '../../shared/index.js';
import { Gauge } from 'prom-client';
import { migrate, openDatabase, type Database } from '../../db/index.js';
import { AppServer, LmdbStore, MemoryStore, ObjectCache } from '../../framework/index.js';
import { Catalog, createStoreApp, startInvalidation } from '../../store/index.js';
import { siteSecret } from '../site-secret.js';
import { SearchClient } from '../../search/index.js';

/** `yuletide app`: one app server, until SIGTERM or SIGINT, then a graceful stop. */
export async function runApp(config: Config, root: string): Promise<void> {
  const log = createLogger({ level: config.logLevel, role: 'app' });
  const database = openDatabase(config.databaseUrl);
  await migrate(database);
  const cache = objectCache(config, log);
  const catalog = new Catalog(database, config.ttl, cache);
  const search = config.searchUrl === undefined ? undefined : new SearchClient(config.searchUrl);
  const app = createStoreApp({
    database,
    log,
    ttl: config.ttl,
    root,
    templateReload: config.templateReload,
    cache,
    catalog,
    search,
    siteSecret: siteSecret(config),
  });
  const stopInvalidation = await startInvalidation(database, { ...app.services, cache }, log);
  exportConnections(database);
  const server = new AppServer((request) => app.handle(request), { log });
  const port = await server.listen(config.port, config.host);
  log.info({ port, host: config.host, database: database.location }, 'app server listening');
  stopOn(['SIGTERM', 'SIGINT'], async () => {
    log.info('stopping: finishing in-flight requests');
    await server.close();
    await stopInvalidation();
    await search?.close();
    await catalog.close();
    await cache.close();
    await database.close();
    log.info('stopped');
    log.flush();
  });
}

/** The database connections in use, idle, awaited and allowed, read when `/__metrics` is scraped. */
function exportConnections(database: Database): void {
  new Gauge({
    name: 'yuletide_db_connections',
    help: 'Database connections of this app server by state (busy, idle, waiting for one, max)',
    labelNames: ['state'],
    collect() {
      const now = database.connections();
      this.set({ state: 'busy' }, now.open - now.idle);
      this.set({ state: 'idle' }, now.idle);
      this.set({ state: 'waiting' }, now.waiting);
      this.set({ state: 'max' }, now.max);
    },
  });
}

/** Runs `stop` once on the first of `signals`, then exits; a second signal exits at once. */
export function stopOn(signals: NodeJS.Signals[], stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of signals) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  }
}

/** Memory in front of the host's LMDB in DATA_DIR/object-cache; with OBJECT_CACHE=off, nothing kept. */
export function objectCache(config: Config, log: Logger): ObjectCache {
  if (!config.objectCache.enabled) return new ObjectCache(new MemoryStore({ maxEntries: 0 }));
  const host = new LmdbStore({
    path: path.join(config.dataDir, 'object-cache'),
    maxEntries: config.objectCache.lmdbEntries,
    log,
  });
  return new ObjectCache(new MemoryStore({ maxEntries: config.objectCache.memoryEntries }), host);
}
