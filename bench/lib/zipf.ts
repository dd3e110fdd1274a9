/** Draws ranks 0..n-1 with probability ∝ 1/(rank+1)^s: the skew of real sales (s ≈ 1). */
export class Zipf {
  readonly #cdf: Float64Array;
  #state: number;

  constructor(n: number, s = 1, seed = 42) {
    this.#cdf = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) this.#cdf[i] = sum += 1 / (i + 1) ** s;
    for (let i = 0; i < n; i++) this.#cdf[i]! /= sum;
    this.#state = seed >>> 0;
  }

  next(): number {
    // mulberry32: a fixed seed gives the same read mix every run.
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    let lo = 0;
    let hi = this.#cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
