import { ConfigError } from '../../shared/index.js';

/**
 * What an average shopper does in one session. Means are drawn per session (±50 %); shares are
 * the fraction of all sessions. Defaults follow eToys' Christmas 2000 ratios — 2.5 M page views
 * / 200 k sessions = 12.5 pages a session — and the issue's bars, 10× the sessions with 20× the
 * orders, so a fifth of sessions check out (eToys: 20 k orders / 200 k sessions = a tenth).
 */
export interface ShoppingMix {
  /** Category pages a session opens (mean). */
  readonly categories: number;
  /** Product pages a session opens (mean): one clicked from a listing, the rest Zipf-popular. */
  readonly products: number;
  /** Searches a session runs (mean); each opens the results page. */
  readonly searches: number;
  /** Share of sessions that add to their cart. */
  readonly cart: number;
  /** Lines an adding session puts in its cart (mean, at least 1). */
  readonly items: number;
  /** Share of sessions that check out as guests with the test card (part of `cart`). */
  readonly checkout: number;
  /**
   * Share of sessions that register before checking out (part of `checkout`). Small on purpose:
   * each registration is a password hash at OWASP's parameters, ~10 ms of an app server's CPU.
   */
  readonly register: number;
  /** Share of sessions that fetch the stylesheet, script and product images, as a browser with an empty cache. */
  readonly assets: number;
  /** The Zipf exponent of product popularity (1: the skew of real sales). */
  readonly zipf: number;
  /** Mean think time between pages, ms (exponential); 0 clicks at once. */
  readonly think: number;
}

export const DEFAULT_MIX: ShoppingMix = Object.freeze({
  categories: 2,
  products: 5.8,
  searches: 1.5,
  cart: 0.4,
  items: 1.5,
  checkout: 0.2,
  register: 0.002,
  assets: 0,
  zipf: 1,
  think: 0,
});

const SHARES = new Set(['cart', 'checkout', 'register', 'assets']);

/**
 * `--mix name=value,…` over the defaults, checked: shares within 0–1, each part of the one it
 * belongs to, means not negative.
 */
export function parseMix(text: string | undefined): ShoppingMix {
  const mix: Record<string, number> = { ...DEFAULT_MIX };
  for (const item of (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name = '', raw = ''] = item.split('=').map((s) => s.trim());
    if (!Object.hasOwn(DEFAULT_MIX, name)) {
      throw new ConfigError(
        `--mix: unknown name '${name}' (one of ${Object.keys(DEFAULT_MIX).join(', ')})`,
      );
    }
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value) || value < 0) {
      throw new ConfigError(`--mix: ${name} must be a number ≥ 0 (got '${raw}')`);
    }
    if (SHARES.has(name) && value > 1) {
      throw new ConfigError(`--mix: ${name} is a share of sessions, from 0 to 1 (got ${value})`);
    }
    mix[name] = value;
  }
  const checked = mix as unknown as ShoppingMix;
  if (checked.checkout > checked.cart) {
    throw new ConfigError(
      `--mix: checkout (${checked.checkout}) cannot exceed cart (${checked.cart})`,
    );
  }
  if (checked.register > checked.checkout) {
    throw new ConfigError(
      `--mix: register (${checked.register}) cannot exceed checkout (${checked.checkout}): those who register check out`,
    );
  }
  if (checked.zipf <= 0) throw new ConfigError('--mix: zipf must be > 0');
  return Object.freeze(checked);
}

/** Page views a session makes on average under `mix`, as ShoppingSession walks it. */
export function pagesPerSession(mix: ShoppingMix): number {
  const adds = Math.max(1, mix.items);
  return (
    2 + // home, section
    mix.categories +
    mix.products +
    mix.searches +
    mix.cart * adds + // the cart page each add lands on
    mix.checkout * 3 + // checkout form, review, the order page
    mix.register * 2 // the form, and the account page it lands on
  );
}

/** The mix as `name=value,…`, for the report. */
export function formatMix(mix: ShoppingMix): string {
  return Object.entries(mix)
    .map(([name, value]) => `${name}=${value}`)
    .join(',');
}
