import type { Random } from './random.js';

/** Discounts a sale takes off the list price; the small ones are the common ones. */
const DISCOUNTS = [0.1, 0.1, 0.15, 0.2, 0.2, 0.25, 0.3, 0.4, 0.5];

/** Share of products on sale (list price above the selling price). */
export const ON_SALE_SHARE = 0.3;

/**
 * A shelf price in cents inside a band of whole dollars, log-uniform so cheap items are as varied
 * as dear ones, ending .99 mostly, else .49 or .00 as store prices do.
 */
export function priceCents(random: Random, [min, max]: readonly [number, number]): number {
  const dollars = min * Math.pow(max / min, random.float());
  const ending = random.float();
  if (ending < 0.65) return Math.max(99, Math.ceil(dollars) * 100 - 1);
  if (ending < 0.85) return Math.floor(dollars) * 100 + 49;
  return Math.max(100, Math.round(dollars) * 100);
}

/** The list price: the selling price, or for sale items the price before a 10–50% discount. */
export function listPriceCents(random: Random, price: number): number {
  if (!random.chance(ON_SALE_SHARE)) return price;
  const before = price / (1 - random.pick(DISCOUNTS));
  return Math.max(price + 100, Math.ceil(before / 100) * 100 - 1);
}
