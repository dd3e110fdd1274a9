import type { Database } from '../db/index.js';
import type { SearchClient } from '../search/index.js';
import type { Accounts } from './accounts/accounts.js';
import type { Carts } from './cart/carts.js';
import type { Catalog } from './catalog/catalog.js';
import type { PaymentGateway } from './checkout/payment-gateway.js';
import type { Orders } from './orders/orders.js';
import type { SessionStore } from './sessions/session-store.js';
import type { SiteKeys } from './sessions/site-keys.js';

/** What the store's controllers reach through `context.services`. */
export interface StoreServices {
  readonly database: Database;
  readonly catalog: Catalog;
  /** The search daemon's client when SEARCH_URL is set; without it /search asks the database. */
  readonly search?: SearchClient | undefined;
  readonly sessions: SessionStore;
  readonly carts: Carts;
  readonly accounts: Accounts;
  readonly orders: Orders;
  readonly payments: PaymentGateway;
  readonly keys: SiteKeys;
}
