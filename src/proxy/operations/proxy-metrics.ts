import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AttemptReport } from '../balancer/index.js';
import { TrafficWindow, type TrafficPoint } from './traffic-window.js';

/**
 * What the proxy did with a request, as reported to `observeRequest`:
 * `hit`/`stale` answered from the page cache, `miss` fetched and maybe stored, `bypass` sent to
 * the app tier without a cache lookup (POST, private pages), `static` a file from public/,
 * `throttled` a 429, `operations` /__status and friends, `error` a proxy-made error page.
 */
export type CacheOutcome =
  'hit' | 'stale' | 'miss' | 'bypass' | 'static' | 'throttled' | 'operations' | 'error';

/** Requests for pages (not files, operations or refusals): the hit ratio is (hit + stale) / these. */
const LOOKUPS = new Set<CacheOutcome>(['hit', 'stale', 'miss', 'bypass']);
const HITS = new Set<CacheOutcome>(['hit', 'stale']);

/** Seconds; from half a millisecond (a hit) to ten seconds (a timeout). */
const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}

/**
 * The proxy's counters for `/__metrics` (Prometheus) and the last minute for `/__status`.
 * proxy-server.ts calls `observeRequest` once per response and passes `observeUpstream` to
 * StickyBalancer as `onAttempt`. Label children are cached, so a hit costs a few map lookups.
 */
export class ProxyMetrics {
  readonly registry = new Registry();
  readonly traffic: TrafficWindow;
  readonly #requests: Counter<'cache' | 'status'>;
  readonly #duration: Histogram<'cache'>;
  readonly #upstream: Histogram<'upstream' | 'outcome'>;
  readonly #throttled: Counter;
  readonly #children = new Map<
    string,
    { count: { inc(): void }; time: { observe(seconds: number): void } }
  >();

  constructor(options: { defaultMetrics?: boolean; now?: () => number } = {}) {
    const registers = [this.registry];
    this.traffic = new TrafficWindow(options.now);
    this.#requests = new Counter({
      name: 'yuletide_proxy_requests_total',
      help: 'Responses sent by the proxy, by what the page cache did and status class',
      labelNames: ['cache', 'status'],
      registers,
    });
    this.#duration = new Histogram({
      name: 'yuletide_proxy_request_duration_seconds',
      help: 'Time from request to response end, by what the page cache did',
      labelNames: ['cache'],
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
    this.#throttled = new Counter({
      name: 'yuletide_proxy_throttled_total',
      help: 'Requests refused with 429 by the throttle',
      registers,
    });
    if (options.defaultMetrics ?? true) {
      collectDefaultMetrics({ register: this.registry, prefix: 'yuletide_proxy_' });
    }
  }

  /** One response sent: what the cache did, its status, and seconds from request to end. */
  observeRequest(cache: CacheOutcome, status: number, seconds: number): void {
    const key = `${cache} ${status}`;
    let child = this.#children.get(key);
    if (!child) {
      child = {
        count: this.#requests.labels(cache, statusClass(status)),
        time: this.#duration.labels(cache),
      };
      this.#children.set(key, child);
    }
    child.count.inc();
    child.time.observe(seconds);
    if (cache === 'throttled') this.#throttled.inc();
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
