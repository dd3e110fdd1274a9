import { OldestKeys } from '../../shared/index.js';
import { secondsUntilToken, type ThrottleDecision, type ThrottleStore } from './throttle-store.js';

interface Bucket {
  tokens: number;
  /** When `tokens` was computed, in ms of the store's clock. */
  at: number;
}

/** How often (in takes) idle buckets are swept out. */
const SWEEP_EVERY = 1024;

/**
 * Token buckets in this process's memory, for one proxy. Bounded: a bucket idle long enough to
 * be full again is the same as no bucket and is dropped, and past `maxKeys` the least recently
 * used goes first (a flood of one-off addresses cannot grow the map without limit).
 */
export class MemoryThrottleStore implements ThrottleStore {
  /** Insertion order is recency order: a take moves its key to the end. */
  readonly #buckets = new Map<string, Bucket>();
  readonly #oldest = new OldestKeys(this.#buckets);
  readonly #maxKeys: number;
  readonly #now: () => number;
  #takes = 0;

  constructor(options: { maxKeys?: number; now?: () => number } = {}) {
    const maxKeys = options.maxKeys ?? 100_000;
    if (!Number.isInteger(maxKeys) || maxKeys < 1) {
      throw new TypeError(`options.maxKeys must be a positive integer (got ${maxKeys})`);
    }
    this.#maxKeys = maxKeys;
    this.#now = options.now ?? (() => performance.now());
  }

  /** How many buckets are held, for tests and metrics. */
  get size(): number {
    return this.#buckets.size;
  }

  async take(key: string, rate: number, burst: number): Promise<ThrottleDecision> {
    const now = this.#now();
    const bucket = this.#buckets.get(key);
    let tokens = burst;
    if (bucket) {
      tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) * rate) / 1000);
      this.#buckets.delete(key);
    }
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    this.#buckets.set(key, { tokens, at: now });
    if (this.#buckets.size > this.#maxKeys) {
      const oldest = this.#oldest.next();
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    if (++this.#takes % SWEEP_EVERY === 0) this.#sweep(now, (burst * 1000) / rate);
    return { allowed, retryAfterSeconds: allowed ? 0 : secondsUntilToken(tokens, rate) };
  }

  async close(): Promise<void> {
    this.#buckets.clear();
  }

  /** Drops buckets untouched for `fullAfterMs` (full again), oldest first, stopping at the first recent one. */
  #sweep(now: number, fullAfterMs: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (now - bucket.at < fullAfterMs) break;
      this.#buckets.delete(key);
    }
  }
}
