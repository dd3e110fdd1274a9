const DAY = 86_400_000;

/** The catalog's "now": every generated time is fixed relative to it, never to the clock, so seeds repeat. */
export const SEED_NOW = Date.UTC(2026, 10, 1);

/** How far back the catalog goes: products were added over the three years before `SEED_NOW`. */
export const CATALOG_SPAN = 3 * 365 * DAY;

/** Milliseconds in a day, for spreading updates over recent weeks. */
export const ONE_DAY = DAY;
