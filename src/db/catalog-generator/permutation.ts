import { mix32, type Random } from './random.js';

const ROUNDS = 4;

/**
 * A seeded shuffle of [0, n) computed one element at a time, in O(1) memory: a balanced Feistel
 * network over the smallest even power of two that holds n, with cycle walking to stay below n.
 * A Feistel network is a bijection whatever its round function, so `at` never repeats a value;
 * the domain is under 4n, so cycle walking takes fewer than four steps on average.
 */
export class Permutation {
  readonly #n: number;
  readonly #halfBits: number;
  readonly #mask: number;
  readonly #keys: readonly number[];

  /** A shuffle of [0, n) keyed by four draws from `random`. */
  constructor(n: number, random: Random) {
    if (!Number.isSafeInteger(n) || n < 1 || n > 2 ** 30) {
      throw new RangeError(`permutation size must be an integer from 1 to 2^30 (got ${n})`);
    }
    this.#n = n;
    let bits = 2;
    while (2 ** bits < n) bits += 2;
    this.#halfBits = bits / 2;
    this.#mask = 2 ** this.#halfBits - 1;
    const keys: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      keys.push(random.uint32());
    }
    this.#keys = keys;
  }

  /** The element at position `index` of the shuffled sequence. */
  at(index: number): number {
    let value = index;
    do value = this.#encrypt(value);
    while (value >= this.#n);
    return value;
  }

  #encrypt(value: number): number {
    let left = value >>> this.#halfBits;
    let right = value & this.#mask;
    for (const key of this.#keys) {
      const next = left ^ (mix32(right ^ key) & this.#mask);
      left = right;
      right = next;
    }
    return ((left << this.#halfBits) | right) >>> 0;
  }
}
