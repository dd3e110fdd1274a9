import type { IncomingHttpHeaders } from 'node:http';
import { Pool, type Dispatcher } from 'undici';

/** One answer: the status, the headers, and the body when it was asked for. */
export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The whole body, when the request asked to keep it; otherwise only counted. */
  readonly body: Buffer | undefined;
  readonly bytes: number;
  /** From sending the request to the last byte of the body, ms (time waiting for a free connection included). */
  readonly ms: number;
}

/** What a request carries. */
export interface Outgoing {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Keep the body (a page to read a token or links from); most pages are only counted. */
  readonly keepBody: boolean;
}

export interface StoreConnectionOptions {
  /** Keep-alive connections to the store. */
  readonly connections: number;
  /** How long to wait for a response's headers, and between its body's chunks, ms. */
  readonly timeoutMs?: number;
}

/**
 * Keep-alive connections to the store (an undici Pool), shared by every shopper: a shopper's
 * identity is its cookie jar, not its socket, as behind a NAT or a corporate proxy. Requests go
 * through undici's dispatch with a handler of our own, which collects a body only when asked —
 * no stream object per response, so the generator stays cheap next to the store it measures.
 */
export class StoreConnection {
  readonly #pool: Pool;

  constructor(origin: string, options: StoreConnectionOptions) {
    const timeout = options.timeoutMs ?? 30_000;
    this.#pool = new Pool(origin, {
      connections: options.connections,
      pipelining: 1,
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connect: { timeout: 5_000 },
    });
  }

  /** Requests waiting for a connection now: above zero for long, the generator's pool is too small. */
  get queued(): number {
    return this.#pool.stats.queued;
  }

  /** Sends one request; rejects on a failed connection or timeout (never on an HTTP status). */
  send(request: Outgoing): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      let status = 0;
      let headers: IncomingHttpHeaders = {};
      let bytes = 0;
      const chunks: Buffer[] | undefined = request.keepBody ? [] : undefined;
      const handler: Dispatcher.DispatchHandler = {
        // Its presence tells undici this handler speaks the v7 API (onResponse*, not onHeaders…).
        onRequestStart() {},
        onResponseStart(_controller, statusCode, responseHeaders) {
          status = statusCode;
          headers = responseHeaders;
        },
        onResponseData(_controller, chunk) {
          bytes += chunk.length;
          chunks?.push(chunk);
        },
        onResponseEnd() {
          resolve({
            status,
            headers,
            body: chunks && (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)),
            bytes,
            ms: performance.now() - started,
          });
        },
        onResponseError(_controller, error) {
          reject(error);
        },
      };
      this.#pool.dispatch(
        {
          method: request.method,
          path: request.path,
          headers: request.headers,
          body: request.body,
        },
        handler,
      );
    });
  }

  /** Closes every connection now; requests still in flight fail. */
  destroy(): Promise<void> {
    return this.#pool.destroy();
  }
}
