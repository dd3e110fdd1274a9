/** Scrambles a 32-bit value (the murmur3 finaliser): a small input change flips about half the bits. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seeded pseudo-random stream (sfc32, from PractRand): fast, 128 bits of state, and the same
 * numbers on every platform, which is what makes a seeded catalog identical byte for byte.
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** A stream for one `(seed, stream)` pair; any safe integers, negative ones included. */
  constructor(seed: number, stream = 0) {
    const low = seed >>> 0;
    const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
    this.#a = mix32(low ^ 0x9e3779b9);
    this.#b = mix32(high ^ 0x243f6a88);
    this.#c = mix32(stream ^ 0xb7e15162);
    this.#d = mix32(Math.imul(stream, 0x27d4eb2d) ^ low ^ 1);
    // sfc32's author recommends discarding the first outputs so similar seeds diverge.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The next 32 random bits as an unsigned integer. */
  uint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 0x1_0000_0000;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** A standard normal deviate (Box–Muller; the second value is dropped to keep the stream simple). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.float());
  }

  /**
   * An index in [0, n) drawn from a Zipf-like power law with exponent `s`: index 0 is the most
   * likely. It inverts the continuous CDF, which is O(1) and close enough to the discrete law for
   * brand and author popularity.
   */
  zipf(n: number, s: number): number {
    const u = this.float();
    const x =
      s === 1
        ? Math.exp(u * Math.log(n + 1))
        : Math.pow((Math.pow(n + 1, 1 - s) - 1) * u + 1, 1 / (1 - s));
    return Math.min(n - 1, Math.floor(x) - 1);
  }
}
