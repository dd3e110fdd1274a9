import type { Random } from './random.js';

/**
 * Draws ranks 1..n with probability ∝ 1/rank^s (the skew of real sales, s ≈ 1) in constant time
 * and memory, by Hörmann and Derflinger's rejection-inversion ("Rejection-inversion to generate
 * variates from monotone discrete distributions", 1996; as in Apache Commons Math's
 * ZipfDistribution): a table of cumulative weights would take 8 MB for a million products.
 */
export class Zipf {
  readonly #n: number;
  readonly #s: number;
  readonly #hIntegralX1: number;
  readonly #hIntegralN: number;
  readonly #threshold: number;

  constructor(n: number, s = 1) {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`Zipf: n must be ≥ 1 (got ${n})`);
    if (!(s > 0)) throw new RangeError(`Zipf: the exponent must be > 0 (got ${s})`);
    this.#n = n;
    this.#s = s;
    this.#hIntegralX1 = this.#hIntegral(1.5) - 1;
    this.#hIntegralN = this.#hIntegral(n + 0.5);
    this.#threshold = 2 - this.#hIntegralInverse(this.#hIntegral(2.5) - this.#h(2));
  }

  /** A rank from 1 (the most popular) to n. */
  next(random: Random): number {
    for (;;) {
      const u = this.#hIntegralN + random.float() * (this.#hIntegralX1 - this.#hIntegralN);
      const x = this.#hIntegralInverse(u);
      const k = Math.min(this.#n, Math.max(1, Math.round(x)));
      if (k - x <= this.#threshold || u >= this.#hIntegral(k + 0.5) - this.#h(k)) return k;
    }
  }

  /** x^-s. */
  #h(x: number): number {
    return Math.exp(-this.#s * Math.log(x));
  }

  /** ∫₁ˣ t^-s dt, written to stay exact as s → 1. */
  #hIntegral(x: number): number {
    const logX = Math.log(x);
    return expm1OverX((1 - this.#s) * logX) * logX;
  }

  #hIntegralInverse(x: number): number {
    const t = Math.max(-1, x * (1 - this.#s));
    return Math.exp(log1pOverX(t) * x);
  }
}

/** log(1 + x) / x, with its limit 1 at 0. */
function log1pOverX(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x / 2 + (x * x) / 3;
}

/** (e^x − 1) / x, with its limit 1 at 0. */
function expm1OverX(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x / 2 + (x * x) / 6;
}
