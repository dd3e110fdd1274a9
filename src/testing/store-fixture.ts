import { fileURLToPath } from 'node:url';
import type { Logger } from '../shared/index.js';
import type { Database } from '../db/index.js';
import { MemoryStore, ObjectCache } from '../framework/index.js';
import { createStoreApp, type ShippingAddress } from '../store/index.js';

/** The project folder (templates/, public/) as seen from dist/src/testing/. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Default part lifetimes used in tests, as in production. */
export const TEST_TTL = { core: 3600, price: 300, inventory: 15 } as const;

/** The site secret of stores and stacks started by tests. */
export const TEST_SITE_SECRET = 'test-site-secret-0123456789abcdef';

/** The shipping address of orders placed by tests. */
export const TEST_ADDRESS: ShippingAddress = {
  name: 'Ada Byron',
  line1: '1 Toy Lane',
  line2: '',
  city: 'Springfield',
  region: 'OR',
  postcode: '97477',
  country: 'US',
};

/** The storefront over `database`, for in-process requests with `inject`. */
export function storeForTests(
  database: Database,
  log: Logger,
  cache = new ObjectCache(new MemoryStore({ maxEntries: 10_000 })),
) {
  return createStoreApp({
    database,
    log,
    ttl: TEST_TTL,
    root: PROJECT_ROOT,
    templateReload: false,
    cache,
    siteSecret: TEST_SITE_SECRET,
  });
}
