import { ChangeFeedReader, pruneChanges, type Change, type Database } from '../../db/index.js';
import type { Logger } from '../../shared/index.js';
import type { ObjectCache } from '../../framework/index.js';
import type { Catalog } from './catalog.js';

/** Changes are kept a day: a reader down longer than that has outlived every cached part anyway. */
const KEEP_CHANGES_MS = 24 * 3600_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Tails the change feed and drops what changed from this process's object cache (and the host's
 * LMDB tier): `product` → that product's parts, `category` → the taxonomy, `cache` → everything
 * in memory (`yuletide cache clear` already emptied LMDB). Also prunes changes older than a day. Resolves to a function that stops it.
 */
export async function startCatalogInvalidation(
  database: Database,
  catalog: Catalog,
  cache: ObjectCache,
  log: Logger,
): Promise<() => Promise<void>> {
  const reader = new ChangeFeedReader(database, {
    onError: (error) => log.warn({ err: error }, 'change feed read failed; retrying'),
  });
  await reader.start((changes) => changes.forEach((change) => apply(change, catalog, cache)));
  const pruner = setInterval(() => {
    pruneChanges(database, KEEP_CHANGES_MS).catch((error: unknown) =>
      log.warn({ err: error }, 'change feed prune failed'),
    );
  }, PRUNE_EVERY_MS);
  pruner.unref();
  return async () => {
    clearInterval(pruner);
    await reader.stop();
  };
}

function apply(change: Change, catalog: Catalog, cache: ObjectCache): void {
  if (change.topic === 'product') {
    const id = Number(change.key);
    if (Number.isSafeInteger(id) && id > 0) catalog.product.invalidate(id);
  } else if (change.topic === 'category') {
    catalog.dropTaxonomy();
  } else if (change.topic === 'cache') {
    cache.clear(false);
  }
}
