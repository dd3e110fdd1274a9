/** The smallest latency a bucket tells apart: 10 µs, below what a loopback round trip costs. */
const MIN_MS = 0.01;
/**
 * Each bucket is 4 % wider than the one before, so a percentile read from the buckets is within
 * 4 % of the true sample, and 416 buckets reach two minutes: 1.7 KB a histogram, however many
 * samples (HdrHistogram's idea, with one significant digit and a log scale).
 */
const GROWTH = 1.04;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = Math.ceil(Math.log(120_000 / MIN_MS) / LOG_GROWTH) + 1;

/** Latencies in milliseconds, counted in logarithmic buckets: fixed memory, no array of samples. */
export class LatencyHistogram {
  readonly #counts = new Uint32Array(BUCKETS);
  #count = 0;
  #sum = 0;
  #max = 0;

  /** Counts one latency. */
  record(ms: number): void {
    const index =
      ms <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / MIN_MS) / LOG_GROWTH));
    this.#counts[index]!++;
    this.#count++;
    this.#sum += ms;
    if (ms > this.#max) this.#max = ms;
  }

  /** Adds every count of `other` to this one. */
  merge(other: LatencyHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.#counts[i]! += other.#counts[i]!;
    this.#count += other.#count;
    this.#sum += other.#sum;
    this.#max = Math.max(this.#max, other.#max);
  }

  get count(): number {
    return this.#count;
  }

  get mean(): number {
    return this.#count === 0 ? 0 : this.#sum / this.#count;
  }

  get max(): number {
    return this.#max;
  }

  /**
   * The latency below which `percent` % of the samples fall: the upper edge of the bucket that
   * holds that rank (never more than the largest sample), 0 when empty.
   */
  percentile(percent: number): number {
    if (this.#count === 0) return 0;
    const rank = Math.max(1, Math.ceil((percent / 100) * this.#count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#counts[i]!;
      if (seen >= rank) return Math.min(MIN_MS * GROWTH ** i, this.#max);
    }
    return this.#max;
  }
}
