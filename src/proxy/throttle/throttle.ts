import type { ThrottleDecision, ThrottleStore } from './throttle-store.js';

/**
 * Limits how fast one client (a session, or an address without one) may reach the app tier:
 * `rate` requests a second on average, up to `burst` at once (the paper's §1.10 throttling).
 */
export class Throttle {
  readonly #rate: number;
  readonly #burst: number;
  readonly #store: ThrottleStore;

  constructor(options: { rate: number; burst: number; store: ThrottleStore }) {
    if (!(Number.isFinite(options.rate) && options.rate > 0)) {
      throw new TypeError(`options.rate must be a positive number (got ${options.rate})`);
    }
    if (!(Number.isInteger(options.burst) && options.burst >= 1)) {
      throw new TypeError(`options.burst must be a positive integer (got ${options.burst})`);
    }
    this.#rate = options.rate;
    this.#burst = options.burst;
    this.#store = options.store;
  }

  /** Counts one request of `key`; refused when its bucket is empty. */
  take(key: string): Promise<ThrottleDecision> {
    return this.#store.take(key, this.#rate, this.#burst);
  }

  /** Closes the store. */
  close(): Promise<void> {
    return this.#store.close();
  }
}
