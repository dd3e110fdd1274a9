import path from 'node:path';
import { createLogger, type Config } from '../../shared/index.js';
import { appendChange, migrate, openDatabase } from '../../db/index.js';
import { LmdbStore } from '../../framework/index.js';

/** The LMDB tier of this host, opened for a command; closed by the caller. */
function hostStore(config: Config): LmdbStore {
  const log = createLogger({ level: 'warn', role: 'cli' });
  return new LmdbStore({
    path: path.join(config.dataDir, 'object-cache'),
    maxEntries: config.objectCache.lmdbEntries,
    log,
  });
}

/**
 * `yuletide cache stats`: what this host's LMDB tier holds, by model and part, and — from the
 * running store's /__metrics — hits and misses per tier and part since its processes started.
 */
export async function runCacheStats(config: Config, url: string): Promise<void> {
  const store = hostStore(config);
  const counts = new Map<string, { fresh: number; expired: number }>();
  const now = Date.now();
  for (const { key, entry } of store.entries()) {
    // Model parts are `model:id:part`; listings and the like are `kind:…`.
    const segments = key.split(':');
    const name = segments.length === 3 ? `${segments[0]}.${segments[2]}` : (segments[0] ?? '?');
    const count = counts.get(name) ?? { fresh: 0, expired: 0 };
    if (entry && entry.expiresAt > now) count.fresh++;
    else count.expired++;
    counts.set(name, count);
  }
  await store.close();
  console.log(`LMDB tier (${path.join(config.dataDir, 'object-cache')}):`);
  for (const [name, { fresh, expired }] of [...counts].sort())
    console.log(`  ${name.padEnd(20)} ${fresh} fresh, ${expired} expired`);
  if (counts.size === 0) console.log('  empty');
  const lookups = await fetchLookups(url);
  if (!lookups) {
    console.log(`no running store answered at ${url}/__metrics (start one, or pass --url)`);
    return;
  }
  console.log(`lookups since start, from ${url}/__metrics (one process):`);
  for (const [part, tiers] of [...lookups].sort()) {
    const total = (tiers.get('memory:hit') ?? 0) + (tiers.get('memory:miss') ?? 0);
    const cached = (tiers.get('memory:hit') ?? 0) + (tiers.get('lmdb:hit') ?? 0);
    const ratio = total === 0 ? 0 : (cached / total) * 100;
    const detail = [...tiers].map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`  ${part.padEnd(20)} hit ratio ${ratio.toFixed(1)}%  (${detail})`);
  }
}

/** yuletide_object_cache_lookups_total by `model.part`, then `tier:result`. */
async function fetchLookups(url: string): Promise<Map<string, Map<string, number>> | undefined> {
  let text: string;
  try {
    const response = await fetch(`${url}/__metrics`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return undefined;
    text = await response.text();
  } catch {
    return undefined;
  }
  const lookups = new Map<string, Map<string, number>>();
  const line =
    /^yuletide_object_cache_lookups_total\{model="([^"]+)",part="([^"]+)",tier="([^"]+)",result="([^"]+)"\} (\S+)$/gm;
  for (const [, model, part, tier, result, value] of text.matchAll(line)) {
    const name = `${model}.${part}`;
    const tiers = lookups.get(name) ?? new Map<string, number>();
    tiers.set(`${tier}:${result}`, Number(value));
    lookups.set(name, tiers);
  }
  return lookups;
}

/** `yuletide cache clear`: empties this host's LMDB tier and tells every process to empty its memory. */
export async function runCacheClear(config: Config): Promise<void> {
  const store = hostStore(config);
  store.clear();
  await store.close();
  const database = openDatabase(config.databaseUrl);
  try {
    await migrate(database);
    await database.db
      .transaction()
      .execute((trx) =>
        appendChange(trx, database.dialect, { topic: 'cache', key: '*', version: Date.now() }),
      );
  } finally {
    await database.close();
  }
  console.log('object cache cleared: LMDB emptied, and every app process told to empty its memory');
}
