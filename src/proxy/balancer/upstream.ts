import { Pool, util, type Dispatcher } from 'undici';
import type { Headers } from './hop-by-hop.js';
import { serverSeed } from './rendezvous.js';

/** How one upstream's pool is tuned; every field is checked by StickyBalancer. */
export interface PoolOptions {
  readonly connectTimeoutMs: number;
  readonly responseTimeoutMs: number;
  readonly connections: number;
}

/**
 * Idle upstream sockets close after 60 s, below the app server's 65 s keep-alive timeout, so
 * the proxy never writes a request into a socket the server is closing. undici also honours
 * the server's `Keep-Alive: timeout=65` hint, minus its one-second threshold.
 */
const IDLE_MS = 60_000;

/** One app server: its keep-alive pool and its place in the rotation (fall/rise counters). */
export class Upstream {
  readonly url: string;
  /** Rendezvous identity: the URL, so every proxy ranks servers the same way. */
  readonly name: string;
  readonly seed: number;
  readonly pool: Pool;
  /** Prefix of every forwarded path, when the upstream URL has one (`http://host/base`). */
  readonly basePath: string;
  healthy = true;
  /** Consecutive health-check results of the current run, toward `rise` or `fall`. */
  successes = 0;
  failures = 0;
  checking = false;

  constructor(url: string, options: PoolOptions) {
    const parsed = new URL(url);
    this.url = url;
    this.name = url;
    this.seed = serverSeed(url);
    this.basePath = parsed.pathname.replace(/\/+$/, '');
    this.pool = new Pool(parsed.origin, {
      connections: options.connections,
      pipelining: 1,
      connectTimeout: options.connectTimeoutMs,
      headersTimeout: options.responseTimeoutMs,
      bodyTimeout: options.responseTimeoutMs,
      keepAliveTimeout: IDLE_MS,
      keepAliveMaxTimeout: IDLE_MS,
    });
  }
}

/** A whole response from an upstream. */
export interface Exchanged {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
}

/**
 * Sends one request through `pool` and collects the whole response with undici's dispatch
 * handler, not `request()`: no body stream and no Readable per response (`request()` took
 * ~14 % more of the proxy's CPU a forwarded request, bench/upstream-socket.ts). The body is
 * copied into a buffer of its own, so a stored page never pins a socket's read buffer.
 */
export function exchange(
  pool: Dispatcher,
  options: Dispatcher.DispatchOptions,
): Promise<Exchanged> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let headers: Headers = {};
    const chunks: Buffer[] = [];
    let length = 0;
    pool.dispatch(options, {
      onConnect() {},
      onHeaders(statusCode, rawHeaders) {
        status = statusCode;
        headers = util.parseHeaders(rawHeaders);
        return true;
      },
      onData(chunk) {
        chunks.push(chunk);
        length += chunk.length;
        return true;
      },
      onComplete() {
        const body = Buffer.allocUnsafeSlow(length);
        let at = 0;
        for (const chunk of chunks) at += chunk.copy(body, at);
        resolve({ status, headers, body });
      },
      onError: reject,
    });
  });
}
