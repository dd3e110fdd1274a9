import path from 'node:path';
import { sql } from 'kysely';
import type { Logger } from '../shared/index.js';
import { Application, Views, metrics, type ObjectCache } from '../framework/index.js';
import type { Database } from '../db/index.js';
import type { SearchClient } from '../search/index.js';
import { Catalog, type CatalogTtl } from './catalog/catalog.js';
import * as catalog from './catalog/catalog-controllers.js';
import { placeholderImage } from './catalog/placeholder-image.js';
import { search } from './search/search-controller.js';
import { StaticAssets } from './static-assets.js';
import type { StoreServices } from './services.js';
import * as cart from './cart/cart-controllers.js';
import * as checkout from './checkout/checkout-controllers.js';
import * as accounts from './accounts/account-controllers.js';
import { showOrder } from './orders/order-controllers.js';
import { Accounts } from './accounts/accounts.js';
import { Carts } from './cart/carts.js';
import { Orders } from './orders/orders.js';
import { SessionStore } from './sessions/session-store.js';
import { SiteKeys } from './sessions/site-keys.js';
import { TestPaymentGateway, type PaymentGateway } from './checkout/payment-gateway.js';

export interface StoreOptions {
  readonly database: Database;
  readonly log: Logger;
  readonly ttl: CatalogTtl;
  /** The project folder holding `templates/` and `public/`. */
  readonly root: string;
  readonly templateReload: boolean;
  /** The object cache the catalog reads through. */
  readonly cache: ObjectCache;
  /** The catalog, when the caller built it (to wire change-feed invalidation); else made here. */
  readonly catalog?: Catalog;
  /** The search daemon's client; without it /search matches titles in the database. */
  readonly search?: SearchClient | undefined;
  /** The secret the proxy signs session cookies with; CSRF tokens and sealed fields derive from it. */
  readonly siteSecret: string;
  /** The card processor; the built-in test gateway when not given. */
  readonly payments?: PaymentGateway;
}

/** The storefront: every route of DESIGN.md §2 wired to its controller, and the services they use. */
export function createStoreApp(options: StoreOptions): Application<StoreServices> {
  const views = new Views({
    root: path.join(options.root, 'templates'),
    reload: options.templateReload,
  });
  const services: StoreServices = {
    database: options.database,
    catalog: options.catalog ?? new Catalog(options.database, options.ttl, options.cache),
    search: options.search,
    sessions: new SessionStore(options.database, options.cache),
    carts: new Carts(options.database, options.cache),
    accounts: new Accounts(options.database),
    orders: new Orders(options.database),
    payments: options.payments ?? new TestPaymentGateway(),
    keys: new SiteKeys(options.siteSecret),
  };
  const assets = new StaticAssets(path.join(options.root, 'public'));
  const app = new Application<StoreServices>({
    views,
    log: options.log,
    services,
    defaultMaxAge: options.ttl.core,
  });
  return app
    .get('/', catalog.home)
    .get('/s/:section', catalog.section)
    .get('/c/:category', catalog.category)
    .get('/p/:productId', catalog.product)
    .get('/search', search)
    .get('/cart', cart.showCart)
    .post('/cart/items', cart.addItem)
    .post('/cart/items/:id', cart.changeItem)
    .get('/csrf-token', cart.csrfToken)
    .get('/checkout', checkout.checkoutForm)
    .post('/checkout/review', checkout.review)
    .post('/checkout', checkout.placeOrderPost)
    .get('/orders/:id', showOrder)
    .get('/account', accounts.account)
    .get('/login', accounts.loginForm)
    .post('/login', accounts.logIn)
    .get('/register', accounts.registerForm)
    .post('/register', accounts.register)
    .get('/logout', accounts.logoutForm)
    .post('/logout', accounts.logOut)
    .get('/img/p/:file', placeholderImage)
    .get('/static/*', (context) => assets.serve(context))
    .get('/__health', () => health(options.database))
    .get('/__metrics', metrics);
}

/** `/__health`: 200 while the database answers, else 503, for the proxy's checks. */
async function health(database: Database) {
  const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  try {
    await sql`select 1`.execute(database.db);
    return { status: 200, headers, body: '{"status":"ok"}' };
  } catch {
    return { status: 503, headers, body: '{"status":"database unavailable"}' };
  }
}
