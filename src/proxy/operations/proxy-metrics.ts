import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AttemptReport } from '../balancer/index.js';
import { PlainHistogram } from './plain-histogram.js';
import { TrafficWindow, type TrafficPoint } from './traffic-window.js';

/**
 * What the proxy did with a request, as reported to `observeRequest`:
 * `hit`/`stale` answered from the page cache, `miss` fetched and maybe stored, `bypass` sent to
 * the app tier without a cache lookup (POST, private pages), `static` a file from public/,
 * `throttled` a 429, `operations` /__status and friends, `error` a proxy-made error page.
 */
export type CacheOutcome =
  'hit' | 'stale' | 'miss' | 'bypass' | 'static' | 'throttled' | 'operations' | 'error';

/** Every outcome, in the order of the plain counters below. */
const OUTCOMES: readonly CacheOutcome[] = [
  'hit',
  'stale',
  'miss',
  'bypass',
  'static',
  'throttled',
  'operations',
  'error',
];
const OUTCOME_INDEX = Object.fromEntries(OUTCOMES.map((outcome, i) => [outcome, i])) as Record<
  CacheOutcome,
  number
>;
/** Status classes by `Math.floor(status / 100)`, 1 to 5; anything else is the sixth, `other`. */
const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx', 'other'] as const;
/** Requests for pages (not files, operations or refusals): the hit ratio is (hit + stale) / these. */
const LOOKUPS = new Set<CacheOutcome>(['hit', 'stale', 'miss', 'bypass']);
const HITS = new Set<CacheOutcome>(['hit', 'stale']);

/** Seconds; from half a millisecond (a hit) to ten seconds (a timeout). */
const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

function statusClass(status: number): number {
  return status >= 100 && status < 600 ? Math.floor(status / 100) - 1 : 5;
}

/**
 * The proxy's counters for `/__metrics` (Prometheus) and the last minute for `/__status`.
 * proxy-server.ts calls `observeRequest` once per response and passes `observeUpstream` to
 * StickyBalancer as `onAttempt`. A response is counted in plain numbers (a few array
 * additions, on every cache hit); prom-client reads them on a scrape.
 */
export class ProxyMetrics {
  readonly registry = new Registry();
  readonly traffic: TrafficWindow;
  /** Responses by outcome × status class, and how many of them prom-client has been told of. */
  readonly #counts = new Float64Array(OUTCOMES.length * STATUS_CLASSES.length);
  readonly #reported = new Float64Array(OUTCOMES.length * STATUS_CLASSES.length);
  readonly #duration: PlainHistogram<CacheOutcome>;
  readonly #upstream: Histogram<'upstream' | 'outcome'>;

  constructor(options: { defaultMetrics?: boolean; now?: () => number } = {}) {
    const registers = [this.registry];
    this.traffic = new TrafficWindow(options.now);
    const counts = this.#counts;
    const reported = this.#reported;
    const throttled = OUTCOME_INDEX.throttled * STATUS_CLASSES.length;
    new Counter({
      name: 'yuletide_proxy_requests_total',
      help: 'Responses sent by the proxy, by what the page cache did and status class',
      labelNames: ['cache', 'status'],
      registers,
      collect() {
        for (let cell = 0; cell < counts.length; cell++) {
          const delta = counts[cell]! - reported[cell]!;
          if (delta === 0) continue;
          const outcome = OUTCOMES[Math.floor(cell / STATUS_CLASSES.length)]!;
          this.labels(outcome, STATUS_CLASSES[cell % STATUS_CLASSES.length]!).inc(delta);
          reported[cell] = counts[cell]!;
        }
      },
    });
    let throttledReported = 0;
    new Counter({
      name: 'yuletide_proxy_throttled_total',
      help: 'Requests refused with 429 by the throttle',
      registers,
      collect() {
        let total = 0;
        for (let i = 0; i < STATUS_CLASSES.length; i++) total += counts[throttled + i]!;
        if (total > throttledReported) this.inc(total - throttledReported);
        throttledReported = total;
      },
    });
    this.#duration = new PlainHistogram({
      name: 'yuletide_proxy_request_duration_seconds',
      help: 'Time from request to response end, by what the page cache did',
      labelName: 'cache',
      labelValues: OUTCOMES,
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#upstream = new Histogram({
      name: 'yuletide_proxy_upstream_duration_seconds',
      help: 'Time of each try on an app server, by server and outcome (response, refused, failed)',
      labelNames: ['upstream', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    if (options.defaultMetrics ?? true) {
      collectDefaultMetrics({ register: this.registry, prefix: 'yuletide_proxy_' });
    }
  }

  /** One response sent: what the cache did, its status, and seconds from request to end. */
  observeRequest(cache: CacheOutcome, status: number, seconds: number): void {
    const outcome = OUTCOME_INDEX[cache];
    this.#counts[outcome * STATUS_CLASSES.length + statusClass(status)]!++;
    this.#duration.observe(outcome, seconds);
    this.traffic.record(seconds * 1000, LOOKUPS.has(cache), HITS.has(cache));
  }

  /** One try on an app server; pass as StickyBalancer's `onAttempt`. */
  readonly observeUpstream = (report: AttemptReport): void => {
    this.#upstream.labels(report.upstream, report.outcome).observe(report.seconds);
  };

  /** Exposes each upstream's rotation state as `yuletide_proxy_upstream_healthy{upstream}`. */
  watchUpstreams(status: () => readonly { url: string; healthy: boolean }[]): void {
    new Gauge({
      name: 'yuletide_proxy_upstream_healthy',
      help: '1 while the app server is in rotation, 0 while it is out',
      labelNames: ['upstream'],
      registers: [this.registry],
      collect() {
        for (const upstream of status()) this.labels(upstream.url).set(upstream.healthy ? 1 : 0);
      },
    });
  }

  /** The last minute, one point a second, for the dashboard. */
  points(): TrafficPoint[] {
    return this.traffic.points();
  }

  /** Prometheus text exposition format and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
