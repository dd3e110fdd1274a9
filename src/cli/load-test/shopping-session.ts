import type { Random } from './random.js';
import type { Recorder } from './recorder.js';
import type { ShoppingMix } from './shopping-mix.js';
import type { SiteMap } from './site-map.js';
import {
  SessionAbandoned,
  SessionCutOff,
  VirtualBrowser,
  type Page,
  type RunState,
} from './virtual-browser.js';
import type { StoreConnection } from './store-connection.js';

/** The test gateway approves this card (docs/commerce.md). */
const TEST_CARD = '4242 4242 4242 4242';
const OUT_OF_STOCK = Buffer.from('stock--out');
const IDEMPOTENCY_KEY = /name="idempotency_key" value="([^"]+)"/;
const SEALED_STATE = /name="state" value="([^"]+)"/;
/** A shopper about to buy looks at a few more products when none seen so far is in stock. */
const IN_STOCK_TRIES = 5;

/** What every session shares: the connection, the site, the mix, the dice and the tally. */
export interface SessionContext {
  readonly connection: StoreConnection;
  readonly origin: string;
  readonly site: SiteMap;
  readonly mix: ShoppingMix;
  readonly random: Random;
  readonly recorder: Recorder;
  /** Makes each registration's email unique across runs. */
  readonly runId: string;
  readonly run: RunState;
  /** Registrations so far, numbering each one's email. */
  readonly registrations: { count: number };
}

/** How a session ended: every step answered as expected, an error, or the run stopped first. */
export type SessionEnd = 'completed' | 'abandoned' | 'cut off';

/**
 * One shopper's visit, in its own browser: home → a section → categories → products (one
 * clicked from each listing, the rest Zipf-popular) → searches → maybe the cart, maybe
 * registration and checkout.
 */
export async function shoppingSession(context: SessionContext): Promise<SessionEnd> {
  const { connection, origin, site, mix, random, recorder } = context;
  const browser = new VirtualBrowser(connection, origin, recorder, context.run);
  const buying = random.chance(mix.cart);
  const checkingOut = buying && random.chance(mix.checkout / mix.cart);
  const registering = checkingOut && random.chance(mix.register / mix.checkout);
  const assets = random.chance(mix.assets) ? new Set<string>() : undefined;
  const think = () =>
    mix.think > 0
      ? new Promise((resolve) => setTimeout(resolve, random.exponential(mix.think)))
      : undefined;
  /** Products seen in stock, for the cart. */
  const inStock: number[] = [];
  let products = random.count(mix.products);

  const browse = async (kind: 'home' | 'section' | 'category' | 'search', path: string) => {
    const known = kind === 'home' ? [] : site.links(path);
    const page = await browser.get(kind, path, { keep: known ? undefined : 'text' });
    const links = known ?? site.learn(path, page.text ?? '');
    if (assets) await fetchAssets(browser, assets, kind === 'section' ? [] : links.slice(0, 12));
    await think();
    return links;
  };
  const viewProduct = async (id: number) => {
    const page = await browser.get('product', `/p/${id}`, { keep: buying ? 'raw' : undefined });
    if (buying && page.raw && page.raw.indexOf(OUT_OF_STOCK) === -1) inStock.push(id);
    if (assets) await fetchAssets(browser, assets, [String(id)]);
    products--;
    await think();
  };

  try {
    await browse('home', '/');
    const section = random.pick(site.sections);
    const categories = await browse('section', `/s/${section}`);
    for (let n = random.count(mix.categories); n > 0 && categories.length > 0; n--) {
      const listed = await browse('category', `/c/${random.pick(categories)}`);
      if (products > 0 && listed.length > 0) await viewProduct(Number(random.pick(listed)));
    }
    for (let n = random.count(mix.searches); n > 0; n--) {
      const found = await browse('search', `/search?q=${encodeURIComponent(site.query(random))}`);
      if (products > 0 && found.length > 0) await viewProduct(Number(random.pick(found)));
    }
    while (products > 0) await viewProduct(site.popularProduct(random));
    if (!buying) return 'completed';

    let added = 0;
    for (let lines = Math.max(1, random.count(mix.items)); lines > 0; lines--) {
      for (let tries = 0; inStock.length === 0 && tries < IN_STOCK_TRIES; tries++) {
        await viewProduct(site.popularProduct(random));
      }
      const id = inStock.pop();
      if (id === undefined) break;
      added++;
      await browser.post(
        'add-to-cart',
        '/cart/items',
        { product_id: String(id), quantity: random.chance(0.1) ? '2' : '1' },
        'cart',
      );
      await think();
    }
    // Nothing in stock among everything seen: the shopper leaves without checking out.
    if (!checkingOut || added === 0) return 'completed';

    if (registering) {
      await browser.get('register', '/register');
      const n = ++context.registrations.count;
      await browser.post(
        'register-post',
        '/register',
        {
          name: `Bench Shopper ${n}`,
          email: `shopper-${context.runId}-${n}@example.test`,
          password: `bench-password-${context.runId}`,
        },
        'account',
      );
      await think();
    }
    return (await checkOut(browser, context)) ? 'completed' : 'abandoned';
  } catch (error) {
    if (error instanceof SessionAbandoned) return 'abandoned';
    if (error instanceof SessionCutOff) return 'cut off';
    throw error;
  }
}

/** The checkout form → review (a sealed `state`) → place the order → the order page. */
async function checkOut(browser: VirtualBrowser, context: SessionContext): Promise<boolean> {
  const { random, recorder } = context;
  const form = await browser.get('checkout', '/checkout', { keep: 'text' });
  const key = IDEMPOTENCY_KEY.exec(form.text ?? '')?.[1];
  if (key === undefined) return missing(recorder, 'checkout page without idempotency_key');
  const review = await browser.post(
    'review',
    '/checkout/review',
    {
      idempotency_key: key,
      name: 'Pat Shopper',
      line1: '1 Market Street',
      line2: '',
      city: 'Pasadena',
      region: 'CA',
      postcode: '91101',
      country: 'United States',
      shipping_method: random.chance(0.8) ? 'standard' : 'express',
      card_number: TEST_CARD,
    },
    'checkout',
    { keep: 'text', allow: [409] },
  );
  if (soldOut(review, recorder, 'sold out before review')) return true;
  const state = SEALED_STATE.exec(review.text ?? '')?.[1];
  if (state === undefined) return missing(recorder, 'review page without sealed state');
  const placed = await browser.post('place-order', '/checkout', { state }, 'order', {
    allow: [409],
  });
  if (soldOut(placed, recorder, 'sold out (or price changed) at place order')) return true;
  if (!placed.redirectedTo?.startsWith('/orders/')) {
    return missing(recorder, `place order led to ${placed.redirectedTo ?? 'no redirect'}`);
  }
  recorder.orderPlaced();
  return true;
}

/** 409 at checkout: stock ran out between the product page and the order — an outcome, not an error. */
function soldOut(page: Page, recorder: Recorder, what: string): boolean {
  if (page.status !== 409) return false;
  recorder.outcome(what);
  return true;
}

function missing(recorder: Recorder, what: string): false {
  recorder.error(what);
  return false;
}

/** Assets of a page a browser with an empty cache would fetch: the stylesheet, script and images. */
async function fetchAssets(
  browser: VirtualBrowser,
  seen: Set<string>,
  productIds: readonly string[],
) {
  const paths: string[] = [];
  if (seen.size === 0) paths.push('/static/css/store.css', '/static/js/cart-count.js');
  for (const id of productIds) paths.push(`/img/p/${id}.svg`);
  const fresh = paths.filter((path) => !seen.has(path));
  for (const path of fresh) seen.add(path);
  if (fresh.length > 0) await browser.assets(fresh);
}
