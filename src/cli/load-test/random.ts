/**
 * A seeded pseudo-random source (mulberry32): the same `--seed` gives the same shoppers, queries
 * and products, so two runs differ only in what the store did. Not for anything secret.
 */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  /** An exponentially distributed value with mean `mean` (Poisson arrivals, think times). */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  /**
   * A whole number with mean `mean`: the integer part, plus one more with the probability of the
   * fraction, spread evenly ±50 % around it (1.5 → 1 or 2; 6 → 3 to 9).
   */
  count(mean: number): number {
    if (mean <= 0) return 0;
    const spread = Math.floor(mean / 2);
    const base = Math.floor(mean) + (this.chance(mean - Math.floor(mean)) ? 1 : 0);
    return Math.max(0, base - spread + this.below(2 * spread + 1));
  }
}
