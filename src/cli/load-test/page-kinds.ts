/**
 * What a shopper asks for, by the page or form it is. `page`: a page view (an HTML page a browser
 * shows) — the unit of eToys' "2.5 million page views an hour"; form posts that answer with a
 * redirect, `/csrf-token` and assets are requests, not page views (the page the redirect lands on
 * is one).
 */
export const PAGE_KINDS = {
  home: { page: true, label: 'home' },
  section: { page: true, label: 'section' },
  category: { page: true, label: 'category' },
  product: { page: true, label: 'product' },
  search: { page: true, label: 'search' },
  cart: { page: true, label: 'cart' },
  checkout: { page: true, label: 'checkout' },
  review: { page: true, label: 'checkout review (POST)' },
  order: { page: true, label: 'order' },
  register: { page: true, label: 'register' },
  account: { page: true, label: 'account' },
  'add-to-cart': { page: false, label: 'add to cart (POST)' },
  'place-order': { page: false, label: 'place order (POST)' },
  'register-post': { page: false, label: 'register (POST)' },
  'csrf-token': { page: false, label: '/csrf-token' },
  asset: { page: false, label: 'assets' },
} as const satisfies Record<string, { page: boolean; label: string }>;

export type PageKind = keyof typeof PAGE_KINDS;

/** Every kind, in the order reports list them: the shopper's path through the store. */
export const KIND_ORDER = Object.keys(PAGE_KINDS) as PageKind[];

/** Kinds whose pages are shared by everyone and may come from the page cache. */
export const CACHEABLE_KINDS: ReadonlySet<PageKind> = new Set([
  'home',
  'section',
  'category',
  'product',
  'search',
]);
