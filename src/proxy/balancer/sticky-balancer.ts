import { request as undiciRequest, Agent } from 'undici';
import type { Logger } from '../../shared/index.js';
import { UpstreamFailedError, UpstreamUnavailableError } from './errors.js';
import { withoutHopByHop, type Headers } from './hop-by-hop.js';
import { rank } from './rendezvous.js';
import { exchange, Upstream } from './upstream.js';

/** What the proxy forwards: `path` includes the query. */
export interface UpstreamRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Headers;
  readonly body?: Buffer;
}

/** A whole upstream response, and which server gave it. */
export interface UpstreamResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
  readonly upstream: string;
}

/** One try on one server, reported to `onAttempt` (for metrics). */
export interface AttemptReport {
  readonly upstream: string;
  readonly seconds: number;
  readonly outcome: 'response' | 'refused' | 'failed';
  readonly status?: number;
}

export interface StickyBalancerOptions {
  readonly upstreams: readonly string[];
  readonly log: Logger;
  /** Checked with GET on every server; 2xx is healthy. Default `/__health`. */
  readonly healthPath?: string;
  /** Time between health checks. Default 2,000 ms. */
  readonly intervalMs?: number;
  /** Consecutive failed checks that take a server out. Default 3. */
  readonly fall?: number;
  /** Consecutive passed checks that bring it back. Default 2. */
  readonly rise?: number;
  /** A connection not established within this is a refusal. Default 1,000 ms (loopback/LAN). */
  readonly connectTimeoutMs?: number;
  /** Longest wait for response headers, and between body chunks. Default 30,000 ms. */
  readonly responseTimeoutMs?: number;
  /** Most connections to one server. Default 128. */
  readonly connections?: number;
  /** Called after every try on a server, for metrics. */
  readonly onAttempt?: (report: AttemptReport) => void;
}

/** RFC 9110 §9.2.2: methods whose repetition has the same effect as one request. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/**
 * Failures that happen before a connection exists, so no byte of the request left the proxy:
 * any method may go to another server, and the server is taken out of rotation at once.
 */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Routes each session to one app server by rendezvous hashing over the healthy ones, checks
 * their health, and fails over (the paper's §1.6 sticky load balancing, done in software).
 */
export class StickyBalancer {
  readonly #upstreams: Upstream[];
  readonly #log: Logger;
  readonly #healthPath: string;
  readonly #intervalMs: number;
  readonly #fall: number;
  readonly #rise: number;
  readonly #checkTimeoutMs: number;
  readonly #onAttempt: ((report: AttemptReport) => void) | undefined;
  /** Health checks use their own connections, so a saturated pool cannot fail them. */
  readonly #healthAgent: Agent;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: StickyBalancerOptions) {
    const { upstreams, log } = options;
    if (!Array.isArray(upstreams) || upstreams.length === 0) {
      throw new TypeError('options.upstreams must list at least one http:// or https:// URL');
    }
    for (const url of upstreams) {
      let protocol: string | undefined;
      try {
        protocol = new URL(url).protocol;
      } catch {
        protocol = undefined;
      }
      if (protocol !== 'http:' && protocol !== 'https:') {
        throw new TypeError(`options.upstreams must be http:// or https:// URLs (got '${url}')`);
      }
    }
    if (new Set(upstreams).size !== upstreams.length) {
      throw new TypeError('options.upstreams must not repeat a URL');
    }
    const connectTimeoutMs = positive('connectTimeoutMs', options.connectTimeoutMs, 1000);
    const responseTimeoutMs = positive('responseTimeoutMs', options.responseTimeoutMs, 30_000);
    const connections = positive('connections', options.connections, 128);
    this.#intervalMs = positive('intervalMs', options.intervalMs, 2000);
    this.#fall = positive('fall', options.fall, 3);
    this.#rise = positive('rise', options.rise, 2);
    this.#healthPath = options.healthPath ?? '/__health';
    if (!this.#healthPath.startsWith('/')) {
      throw new TypeError(`options.healthPath must start with / (got '${this.#healthPath}')`);
    }
    // A check slower than the interval counts as failed, so checks never pile up.
    this.#checkTimeoutMs = Math.max(100, Math.min(this.#intervalMs, 5000));
    this.#log = log;
    this.#onAttempt = options.onAttempt;
    this.#upstreams = upstreams.map(
      (url) => new Upstream(url, { connectTimeoutMs, responseTimeoutMs, connections }),
    );
    this.#healthAgent = new Agent({
      connections: 1,
      connectTimeout: Math.min(connectTimeoutMs, this.#checkTimeoutMs),
      keepAliveTimeout: Math.min(this.#intervalMs * 2, 60_000),
    });
  }

  /** Starts the health checks: one round now, then one every `intervalMs`. */
  start(): void {
    if (this.#timer || this.#closed) return;
    void this.#checkAll();
    this.#timer = setInterval(() => void this.#checkAll(), this.#intervalMs);
    this.#timer.unref();
  }

  /** Stops the checks and closes every pool once its in-flight requests finish. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    this.#timer = undefined;
    await Promise.all([
      ...this.#upstreams.map((upstream) => upstream.pool.close()),
      this.#healthAgent.close(),
    ]);
  }

  /** Every upstream and whether it is in rotation. */
  status(): { url: string; healthy: boolean }[] {
    return this.#upstreams.map((upstream) => ({ url: upstream.url, healthy: upstream.healthy }));
  }

  /** How many upstreams are in rotation. */
  get healthyCount(): number {
    let count = 0;
    for (const upstream of this.#upstreams) if (upstream.healthy) count++;
    return count;
  }

  /**
   * Sends `request` to the session's server and returns its whole response. When a server
   * cannot be reached the request goes to the session's next choice; one that may have been
   * delivered is sent again only when its method is idempotent.
   *
   * @throws UpstreamUnavailableError (503) when no server could be reached
   * @throws UpstreamFailedError (502) when a non-idempotent request failed after it may have been delivered
   */
  async forward(request: UpstreamRequest, sessionKey: string): Promise<UpstreamResponse> {
    const healthy = this.#upstreams.filter((upstream) => upstream.healthy);
    // With every server out of rotation, try the session's first choice anyway (one attempt,
    // bounded by the connect timeout): the checks may lag a recovery, and a 503 is no better.
    const order =
      healthy.length > 0
        ? rank(sessionKey, healthy)
        : rank(sessionKey, this.#upstreams).slice(0, 1);
    const method = request.method.toUpperCase();
    const replayable = IDEMPOTENT.has(method);
    const headers = withoutHopByHop(request.headers, ['content-length', 'expect']);
    let lastError: unknown;
    for (const upstream of order) {
      if (!upstream.healthy && healthy.length > 0) continue; // taken out by a concurrent request
      const started = performance.now();
      try {
        const response = await exchange(upstream.pool, {
          method,
          path: upstream.basePath + request.path,
          headers,
          body: request.body && request.body.length > 0 ? request.body : null,
        });
        this.#onAttempt?.({
          upstream: upstream.url,
          seconds: (performance.now() - started) / 1000,
          outcome: 'response',
          status: response.status,
        });
        return {
          status: response.status,
          headers: withoutHopByHop(response.headers),
          body: response.body,
          upstream: upstream.url,
        };
      } catch (error) {
        const code = errorCode(error);
        const notConnected = code !== undefined && NOT_CONNECTED.has(code);
        this.#onAttempt?.({
          upstream: upstream.url,
          seconds: (performance.now() - started) / 1000,
          outcome: notConnected ? 'refused' : 'failed',
        });
        lastError = error;
        if (notConnected) {
          this.#takeOut(upstream, code);
          continue;
        }
        this.#log.warn(
          { upstream: upstream.url, err: error, method, path: request.path, retry: replayable },
          'upstream request failed',
        );
        // A cut connection often means the server died: check now rather than at the next tick,
        // so a refusal takes it out before more sessions are sent there.
        void this.#check(upstream);
        if (!replayable) throw new UpstreamFailedError(upstream.url, { cause: error });
      }
    }
    throw new UpstreamUnavailableError(
      order.length === 0 ? 'No app server is in rotation' : 'No app server could be reached',
      { cause: lastError },
    );
  }

  /** A refused connection takes a server out at once; the checks bring it back after `rise`. */
  #takeOut(upstream: Upstream, reason: string | undefined): void {
    upstream.successes = 0;
    upstream.failures = this.#fall;
    if (!upstream.healthy) return;
    upstream.healthy = false;
    this.#log.warn({ upstream: upstream.url, reason }, 'upstream out of rotation: refused');
  }

  async #checkAll(): Promise<void> {
    await Promise.all(this.#upstreams.map((upstream) => this.#check(upstream)));
  }

  async #check(upstream: Upstream): Promise<void> {
    if (upstream.checking || this.#closed) return;
    upstream.checking = true;
    let passed = false;
    let reason: string | undefined;
    try {
      const response = await undiciRequest(upstream.url + this.#healthPath, {
        dispatcher: this.#healthAgent,
        signal: AbortSignal.timeout(this.#checkTimeoutMs),
        headersTimeout: this.#checkTimeoutMs,
        bodyTimeout: this.#checkTimeoutMs,
      });
      await response.body.dump();
      passed = response.statusCode >= 200 && response.statusCode < 300;
      reason = `status ${response.statusCode}`;
    } catch (error) {
      reason = errorCode(error) ?? (error instanceof Error ? error.name : 'error');
    } finally {
      upstream.checking = false;
    }
    if (this.#closed) return;
    if (!passed && reason !== undefined && NOT_CONNECTED.has(reason)) {
      this.#takeOut(upstream, reason);
      return;
    }
    if (passed) {
      upstream.failures = 0;
      upstream.successes++;
      if (!upstream.healthy && upstream.successes >= this.#rise) {
        upstream.healthy = true;
        this.#log.info({ upstream: upstream.url }, 'upstream back in rotation');
      }
    } else {
      upstream.successes = 0;
      upstream.failures++;
      if (upstream.healthy && upstream.failures >= this.#fall) {
        upstream.healthy = false;
        this.#log.warn(
          { upstream: upstream.url, reason },
          'upstream out of rotation: health check',
        );
      }
    }
  }
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new TypeError(`options.${name} must be a positive integer (got ${String(value)})`);
  }
  return value;
}
