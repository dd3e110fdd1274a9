/**
 * eToys.com's peak hour, Christmas 2000 (the paper, §1.1): the yardstick every figure is
 * reported against.
 */
export const ETOYS_PEAK_PER_HOUR = Object.freeze({
  pageViews: 2_500_000,
  sessions: 200_000,
  orders: 20_000,
});

/** The issue's bars: multiples of eToys' peak, and p99 in ms. */
export const BARS = Object.freeze({ pageViews: 10, sessions: 10, orders: 20, p99Ms: 100 });
