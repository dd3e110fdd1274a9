import { LatencyHistogram } from './latency-histogram.js';
import { CACHEABLE_KINDS, PAGE_KINDS, type PageKind } from './page-kinds.js';

/** What one kind of page or form saw over the whole run. */
export interface KindStats {
  readonly latency: LatencyHistogram;
  /** Answers whose `Cache-Status` said the page cache served them (a hit, or a collapsed miss). */
  cacheHits: number;
  /** Answers that carried a `Cache-Status` at all. */
  cacheAnswers: number;
  bytes: number;
}

/** One second of the run, for the charts. */
export interface Second {
  /** Seconds since the load started (warm-up included). */
  readonly t: number;
  requests: number;
  pages: number;
  sessions: number;
  orders: number;
  errors: number;
  /** Page views' latency in this second. */
  readonly latency: LatencyHistogram;
  /** CPU time per process in this second, ms, by name ("generator", "proxy", "app 1"…). */
  cpu: Record<string, number>;
  /** Sessions in progress and requests waiting for a generator connection, at the end of the second. */
  active: number;
  queued: number;
}

/** Counts that make the headline rates: only what finished inside the measured window. */
export interface WindowCounts {
  pages: number;
  requests: number;
  sessions: number;
  orders: number;
}

/**
 * Everything the run measured, counted as it happens in plain numbers and log histograms:
 * per kind, per second (for the charts), errors by type, and the window's totals.
 */
export class Recorder {
  readonly #started: number;
  readonly kinds = new Map<PageKind, KindStats>();
  readonly seconds: Second[] = [];
  readonly errors = new Map<string, number>();
  /** Outcomes a store may rightly answer under load, not errors: a product sold out at checkout. */
  readonly outcomes = new Map<string, number>();
  readonly window: WindowCounts = { pages: 0, requests: 0, sessions: 0, orders: 0 };
  /**
   * Sessions: begun, finished every step, ended early by an error, still going when the run
   * stopped waiting, never begun (too many in progress).
   */
  readonly sessions = { started: 0, completed: 0, abandoned: 0, cutOff: 0, dropped: 0 };
  /** Orders placed over the whole run, warm-up and the last sessions' drain included. */
  ordersPlaced = 0;
  #measuring = false;

  constructor(started = performance.now()) {
    this.#started = started;
  }

  /** Whether what finishes now counts in the window's totals (after warm-up, before the end). */
  set measuring(on: boolean) {
    this.#measuring = on;
  }

  /** The second the run is in at `now` (the run's first before it began), created on first use. */
  second(now = performance.now()): Second {
    const t = Math.max(0, Math.floor((now - this.#started) / 1000));
    if (t < this.seconds.length) return this.seconds[t]!;
    let last = this.seconds[this.seconds.length - 1];
    while (!last || last.t < t) {
      last = {
        t: last ? last.t + 1 : 0,
        requests: 0,
        pages: 0,
        sessions: 0,
        orders: 0,
        errors: 0,
        latency: new LatencyHistogram(),
        cpu: {},
        active: 0,
        queued: 0,
      };
      this.seconds.push(last);
    }
    return last;
  }

  /**
   * The seconds between two instants (`performance.now()` times), each with the share of the span
   * that falls in it: a measurement over the span is spread over them, so no second is left out.
   */
  *span(from: number, to: number): Generator<[Second, number]> {
    let start = Math.max(from, this.#started);
    // Counted by index, not by time: an instant computed as a second's end may round to just before it.
    for (let t = this.second(start).t; start < to; t++) {
      const end = Math.min(to, this.#started + (t + 1) * 1000);
      yield [this.second(this.#started + t * 1000 + 500), (end - start) / (to - from)];
      start = end;
    }
  }

  /** One answer, whatever its status; `cacheStatus` is the response's `Cache-Status` header. */
  answer(kind: PageKind, ms: number, bytes: number, cacheStatus: string | undefined): void {
    let stats = this.kinds.get(kind);
    if (!stats) {
      stats = { latency: new LatencyHistogram(), cacheHits: 0, cacheAnswers: 0, bytes: 0 };
      this.kinds.set(kind, stats);
    }
    stats.latency.record(ms);
    stats.bytes += bytes;
    if (cacheStatus !== undefined) {
      stats.cacheAnswers++;
      // RFC 9211: `hit` when served from the cache; a collapsed miss waited on another request's
      // answer, so it cost the origin nothing either (the proxy counts it as a hit too).
      if (cacheStatus.includes('; hit') || cacheStatus.includes('; collapsed')) stats.cacheHits++;
    }
    const second = this.second();
    second.requests++;
    if (this.#measuring) this.window.requests++;
    if (PAGE_KINDS[kind].page) {
      second.pages++;
      second.latency.record(ms);
      if (this.#measuring) this.window.pages++;
    }
  }

  /** An error: a status the shopper did not expect, a failed connection, a page without what it needs. */
  error(type: string): void {
    this.errors.set(type, (this.errors.get(type) ?? 0) + 1);
    this.second().errors++;
  }

  /** An expected business outcome (sold out at checkout), counted apart from errors. */
  outcome(type: string): void {
    this.outcomes.set(type, (this.outcomes.get(type) ?? 0) + 1);
  }

  orderPlaced(): void {
    this.ordersPlaced++;
    this.second().orders++;
    if (this.#measuring) this.window.orders++;
  }

  sessionEnded(end: 'completed' | 'abandoned' | 'cut off'): void {
    if (end === 'completed') {
      this.sessions.completed++;
      this.second().sessions++;
      if (this.#measuring) this.window.sessions++;
    } else if (end === 'abandoned') {
      this.sessions.abandoned++;
    } else {
      this.sessions.cutOff++;
    }
  }

  /** Page views of every kind together. */
  allPages(): LatencyHistogram {
    const all = new LatencyHistogram();
    for (const [kind, stats] of this.kinds) if (PAGE_KINDS[kind].page) all.merge(stats.latency);
    return all;
  }

  /** Page-cache hits over answers: of every page view, and of the shared (cacheable) pages only. */
  pageCacheRatios(): { all: number | undefined; cacheable: number | undefined } {
    let hits = 0;
    let answers = 0;
    let sharedHits = 0;
    let sharedAnswers = 0;
    for (const [kind, stats] of this.kinds) {
      if (!PAGE_KINDS[kind].page || kind === 'review') continue;
      hits += stats.cacheHits;
      answers += stats.cacheAnswers;
      if (CACHEABLE_KINDS.has(kind)) {
        sharedHits += stats.cacheHits;
        sharedAnswers += stats.cacheAnswers;
      }
    }
    return {
      all: answers === 0 ? undefined : hits / answers,
      cacheable: sharedAnswers === 0 ? undefined : sharedHits / sharedAnswers,
    };
  }
}
