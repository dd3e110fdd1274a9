/** How many seconds of traffic the dashboard shows. */
export const WINDOW_SECONDS = 60;

/**
 * Latency bins for per-second p99: bin i holds durations up to 0.1 ms × 1.25^i, so 64 bins
 * reach about 160 s, and each estimate is within 25 % of the true value.
 */
const BINS = 64;
const BIN_BASE_MS = 0.1;
const BIN_GROWTH = Math.log(1.25);

/** One second of traffic. */
interface Second {
  at: number;
  requests: number;
  hits: number;
  /** Requests that asked the page cache (hits, stale, misses, bypasses): the hit ratio's base. */
  lookups: number;
  latency: Uint32Array;
}

/** One point of the dashboard's charts. */
export interface TrafficPoint {
  /** Unix time in seconds. */
  readonly t: number;
  readonly requests: number;
  /** Share of page-cache lookups answered from the cache, or null when there were none. */
  readonly hitRatio: number | null;
  /** 99th percentile response time in ms, or null when there were no requests. */
  readonly p99Ms: number | null;
}

function binOf(ms: number): number {
  if (ms <= BIN_BASE_MS) return 0;
  return Math.min(BINS - 1, Math.ceil(Math.log(ms / BIN_BASE_MS) / BIN_GROWTH));
}

function upperMs(bin: number): number {
  return BIN_BASE_MS * Math.exp(bin * BIN_GROWTH);
}

/** The last minute of traffic, one bucket a second, in fixed memory (the dashboard's data). */
export class TrafficWindow {
  readonly #seconds: Second[] = Array.from({ length: WINDOW_SECONDS }, () => ({
    at: -1,
    requests: 0,
    hits: 0,
    lookups: 0,
    latency: new Uint32Array(BINS),
  }));
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Records one response: how long it took, and whether it asked and was answered by the cache. */
  record(ms: number, lookup: boolean, hit: boolean): void {
    const second = this.#current();
    second.requests++;
    if (lookup) second.lookups++;
    if (hit) second.hits++;
    second.latency[binOf(ms)]!++;
  }

  /** The last `WINDOW_SECONDS` complete seconds, oldest first, zeros where nothing happened. */
  points(): TrafficPoint[] {
    const nowSecond = Math.floor(this.#now() / 1000);
    const points: TrafficPoint[] = [];
    for (let t = nowSecond - WINDOW_SECONDS; t < nowSecond; t++) {
      const second = this.#seconds[t % WINDOW_SECONDS]!;
      if (second.at !== t) {
        points.push({ t, requests: 0, hitRatio: null, p99Ms: null });
        continue;
      }
      points.push({
        t,
        requests: second.requests,
        hitRatio: second.lookups > 0 ? second.hits / second.lookups : null,
        p99Ms: percentile(second.latency, second.requests, 0.99),
      });
    }
    return points;
  }

  #current(): Second {
    const t = Math.floor(this.#now() / 1000);
    const second = this.#seconds[t % WINDOW_SECONDS]!;
    if (second.at !== t) {
      second.at = t;
      second.requests = 0;
      second.hits = 0;
      second.lookups = 0;
      second.latency.fill(0);
    }
    return second;
  }
}

function percentile(bins: Uint32Array, count: number, q: number): number | null {
  if (count === 0) return null;
  const rank = Math.ceil(count * q);
  let seen = 0;
  for (let bin = 0; bin < bins.length; bin++) {
    seen += bins[bin]!;
    if (seen >= rank) return Math.round(upperMs(bin) * 100) / 100;
  }
  return upperMs(bins.length - 1);
}
