import {
  Http1ConnectionPool,
  type Http1Reply,
  type Http1Request,
} from './http1-connection-pool.js';

export type { ReplyHeaders } from './http1-connection-pool.js';

/** One answer: the status, the headers the generator reads, the body when it was asked for, the time. */
export type Reply = Http1Reply;

/** What a request carries: method, path, header lines, a form body, and whether to keep the body. */
export type Outgoing = Http1Request;

export interface StoreConnectionOptions {
  /** Keep-alive connections to the store. */
  readonly connections: number;
  /** How long to wait for an answer with no byte of it arriving, ms. */
  readonly timeoutMs?: number;
}

/**
 * Keep-alive connections to the store, shared by every shopper: a shopper's identity is its
 * cookie jar, not its socket, as behind a NAT or a corporate proxy. A body is collected only
 * when asked, so the generator stays cheap next to the store it measures.
 */
export class StoreConnection {
  readonly #pool: Http1ConnectionPool;

  constructor(origin: string, options: StoreConnectionOptions) {
    this.#pool = new Http1ConnectionPool(origin, {
      connections: options.connections,
      timeoutMs: options.timeoutMs ?? 30_000,
    });
  }

  /** Requests waiting for a connection now: above zero for long, the generator's pool is too small. */
  get queued(): number {
    return this.#pool.queued;
  }

  /** Sends one request; rejects on a failed connection or timeout (never on an HTTP status). */
  send(request: Outgoing): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.#pool.send(request, (error, reply) => (error ? reject(error) : resolve(reply!)));
    });
  }

  /** Closes every connection now; requests still in flight fail. */
  destroy(): Promise<void> {
    return this.#pool.destroy();
  }
}
