import { ChangeFeedReader, pruneChanges, type Change, type Database } from '../db/index.js';
import type { Logger } from '../shared/index.js';
import type { ObjectCache } from '../framework/index.js';
import type { Catalog } from './catalog/catalog.js';
import { CART_TOPIC, type Carts } from './cart/carts.js';
import { SESSION_TOPIC, type SessionStore } from './sessions/session-store.js';

/** What the change feed keeps current in one app process. */
export interface Invalidated {
  readonly catalog: Catalog;
  readonly cache: ObjectCache;
  readonly sessions: SessionStore;
  readonly carts: Carts;
}

/** Changes are kept a day: a reader down longer than that has outlived every cached part anyway. */
const KEEP_CHANGES_MS = 24 * 3600_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Tails the change feed and drops what changed from this process's object cache (and the host's
 * LMDB tier): `product` → that product's parts, `category` → the taxonomy, `session` → that
 * session (ended elsewhere), `cart` → that cart if ours is older, `cache` → everything in memory
 * (`yuletide cache clear` already emptied LMDB). Also prunes changes older than a day and sessions
 * past their absolute timeout. Resolves to a function that stops it.
 */
export async function startInvalidation(
  database: Database,
  targets: Invalidated,
  log: Logger,
): Promise<() => Promise<void>> {
  const reader = new ChangeFeedReader(database, {
    onError: (error) => log.warn({ err: error }, 'change feed read failed; retrying'),
  });
  await reader.start((changes) => changes.forEach((change) => apply(change, targets)));
  const pruner = setInterval(() => {
    Promise.all([pruneChanges(database, KEEP_CHANGES_MS), targets.sessions.prune()]).catch(
      (error: unknown) => log.warn({ err: error }, 'pruning changes or sessions failed'),
    );
  }, PRUNE_EVERY_MS);
  pruner.unref();
  return async () => {
    clearInterval(pruner);
    await reader.stop();
  };
}

function apply(change: Change, targets: Invalidated): void {
  if (change.topic === 'product') {
    const id = Number(change.key);
    if (Number.isSafeInteger(id) && id > 0) targets.catalog.product.invalidate(id);
  } else if (change.topic === 'category') {
    targets.catalog.dropTaxonomy();
  } else if (change.topic === SESSION_TOPIC) {
    targets.sessions.forget(change.key);
  } else if (change.topic === CART_TOPIC) {
    targets.carts.forget(change.key, change.version);
  } else if (change.topic === 'cache') {
    targets.cache.clear(false);
  }
}
