import { request } from 'undici';
import type { ProcessInfo } from './cluster-processes.js';

/** The app tier over one second: every app server together. */
export interface TierPoint {
  readonly at: number;
  readonly appRequests: number | null;
  readonly appP99Ms: number | null;
  /** Object-cache lookups answered by memory or LMDB, of all that reached the cache. */
  readonly objectCacheHitRatio: number | null;
  /** Search requests from the app servers, and the daemon's answer time as they saw it. */
  readonly searchRequests: number | null;
  readonly searchP99Ms: number | null;
  readonly dbBusy: number | null;
  readonly dbWaiting: number | null;
  readonly dbMax: number | null;
}

/** One app server over the last second. */
export interface AppPoint {
  readonly port: number;
  readonly requests: number | null;
  readonly p99Ms: number | null;
  readonly objectCacheHitRatio: number | null;
  readonly dbBusy: number | null;
  readonly dbMax: number | null;
}

/** Cumulative counts read from one `/__metrics` scrape. */
interface Scrape {
  readonly at: number;
  readonly app: Histogram;
  readonly search: Histogram;
  readonly cacheHits: number;
  readonly databaseLoads: number;
  readonly db: Readonly<Record<string, number>>;
}

/** A Prometheus histogram's cumulative buckets (`le` in seconds → count) and its count. */
interface Histogram {
  readonly buckets: readonly (readonly [le: number, count: number])[];
  readonly count: number;
}

const INTERVAL_MS = 1000;
const HISTORY = 60;
/** Sampling stops when nobody has asked for the status this long (the dashboard polls each second). */
const IDLE_MS = 120_000;
const SCRAPE_TIMEOUT_MS = 500;

/**
 * Samples every app server's `/__metrics` once a second while the status is being watched, and
 * keeps the last minute of the app tier's figures: requests/s and p99, the object cache's hit
 * ratio, the search daemon's answer time, database connections in use.
 */
export class TierSampler {
  readonly #processes: () => ProcessInfo[];
  readonly #last = new Map<string, Scrape>();
  readonly #history: TierPoint[] = [];
  #apps: AppPoint[] = [];
  #timer: NodeJS.Timeout | undefined;
  #watchedAt = 0;

  constructor(processes: () => ProcessInfo[]) {
    this.#processes = processes;
  }

  /** The last minute, oldest first, and each app server's last second; starts sampling if idle. */
  read(): { history: TierPoint[]; apps: AppPoint[] } {
    this.#watchedAt = Date.now();
    this.#timer ??= setInterval(() => void this.#sample(), INTERVAL_MS).unref();
    return { history: [...this.#history], apps: this.#apps };
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async #sample(): Promise<void> {
    if (Date.now() - this.#watchedAt > IDLE_MS) return this.stop();
    const apps = this.#processes().filter((p) => p.role === 'app');
    const scrapes = await Promise.all(apps.map((app) => scrape(app.url)));
    const points: AppPoint[] = [];
    const deltas: {
      app: Histogram;
      search: Histogram;
      hits: number;
      loads: number;
      seconds: number;
    }[] = [];
    let dbBusy = 0;
    let dbWaiting = 0;
    let dbMax = 0;
    apps.forEach((app, i) => {
      const now = scrapes[i];
      const before = this.#last.get(app.url);
      if (!now) return this.#last.delete(app.url);
      this.#last.set(app.url, now);
      dbBusy += now.db['busy'] ?? 0;
      dbWaiting += now.db['waiting'] ?? 0;
      dbMax += now.db['max'] ?? 0;
      if (!before) return;
      const delta = {
        app: minus(now.app, before.app),
        search: minus(now.search, before.search),
        hits: now.cacheHits - before.cacheHits,
        loads: now.databaseLoads - before.databaseLoads,
        seconds: (now.at - before.at) / 1000,
      };
      deltas.push(delta);
      points.push({
        port: app.port,
        requests: delta.app.count / delta.seconds,
        p99Ms: quantileMs(delta.app, 0.99),
        objectCacheHitRatio: ratio(delta.hits, delta.loads),
        dbBusy: now.db['busy'] ?? null,
        dbMax: now.db['max'] ?? null,
      });
    });
    this.#apps = points;
    const sum = (pick: (d: (typeof deltas)[number]) => number) =>
      deltas.reduce((total, d) => total + pick(d), 0);
    const merged = (pick: (d: (typeof deltas)[number]) => Histogram) =>
      deltas.map(pick).reduce(plus, { buckets: [], count: 0 });
    const any = deltas.length > 0;
    const seconds = any ? sum((d) => d.seconds) / deltas.length : 1;
    this.#history.push({
      at: Date.now(),
      appRequests: any ? sum((d) => d.app.count) / seconds : null,
      appP99Ms: quantileMs(
        merged((d) => d.app),
        0.99,
      ),
      objectCacheHitRatio: ratio(
        sum((d) => d.hits),
        sum((d) => d.loads),
      ),
      searchRequests: any ? sum((d) => d.search.count) / seconds : null,
      searchP99Ms: quantileMs(
        merged((d) => d.search),
        0.99,
      ),
      dbBusy: scrapes.some(Boolean) ? dbBusy : null,
      dbWaiting: scrapes.some(Boolean) ? dbWaiting : null,
      dbMax: scrapes.some(Boolean) ? dbMax : null,
    });
    if (this.#history.length > HISTORY) this.#history.shift();
  }
}

async function scrape(url: string): Promise<Scrape | undefined> {
  try {
    const response = await request(`${url}/__metrics`, {
      headersTimeout: SCRAPE_TIMEOUT_MS,
      bodyTimeout: SCRAPE_TIMEOUT_MS,
    });
    if (response.statusCode !== 200) {
      await response.body.dump();
      return undefined;
    }
    return parse(await response.body.text());
  } catch {
    return undefined; // a server down or slow shows as a gap, not an error on the dashboard
  }
}

/** Reads the few series the operations view needs from Prometheus text. */
export function parse(text: string): Scrape {
  const app: [number, number][] = [];
  const search: [number, number][] = [];
  let appCount = 0;
  let searchCount = 0;
  let cacheHits = 0;
  let databaseLoads = 0;
  const db: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('yuletide_')) continue;
    const space = line.lastIndexOf(' ');
    const value = Number(line.slice(space + 1));
    const series = line.slice(0, space);
    const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(series)?.[1];
    const le = () => (label('le') === '+Inf' ? Infinity : Number(label('le')));
    if (series.startsWith('yuletide_app_request_duration_seconds_bucket')) {
      app.push([le(), value]);
    } else if (series.startsWith('yuletide_app_request_duration_seconds_count')) {
      appCount = value;
    } else if (series.startsWith('yuletide_search_duration_seconds_bucket')) {
      search.push([le(), value]);
    } else if (series.startsWith('yuletide_search_duration_seconds_count')) {
      searchCount = value;
    } else if (series.startsWith('yuletide_object_cache_lookups_total')) {
      const tier = label('tier');
      if (tier === 'database') databaseLoads += value;
      else if (label('result') === 'hit') cacheHits += value;
    } else if (series.startsWith('yuletide_db_connections{')) {
      db[label('state') ?? ''] = value;
    }
  }
  return {
    at: Date.now(),
    app: { buckets: app, count: appCount },
    search: { buckets: search, count: searchCount },
    cacheHits,
    databaseLoads,
    db,
  };
}

function minus(a: Histogram, b: Histogram): Histogram {
  return {
    buckets: a.buckets.map(([le, count], i) => [le, count - (b.buckets[i]?.[1] ?? 0)] as const),
    count: a.count - b.count,
  };
}

function plus(a: Histogram, b: Histogram): Histogram {
  if (a.buckets.length === 0) return b;
  return {
    buckets: a.buckets.map(([le, count], i) => [le, count + (b.buckets[i]?.[1] ?? 0)] as const),
    count: a.count + b.count,
  };
}

/**
 * The q-quantile in milliseconds, interpolated within its bucket as Prometheus'
 * `histogram_quantile` does; null with no observations.
 */
export function quantileMs(histogram: Histogram, q: number): number | null {
  if (histogram.count <= 0) return null;
  const rank = q * histogram.count;
  let lower = 0;
  let below = 0;
  for (const [le, count] of histogram.buckets) {
    if (count >= rank) {
      if (!Number.isFinite(le)) return lower * 1000;
      return (lower + ((le - lower) * (rank - below)) / Math.max(count - below, 1)) * 1000;
    }
    lower = le;
    below = count;
  }
  return lower * 1000;
}

function ratio(hits: number, misses: number): number | null {
  return hits + misses > 0 ? hits / (hits + misses) : null;
}
