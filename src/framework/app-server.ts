import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../shared/index.js';
import type { AppRequest, AppResponse } from './controller/exchange.js';
import { Histogram } from 'prom-client';
import { PayloadTooLargeError } from './errors.js';

/** Time from a request's arrival to its answer, for `/__metrics` and the operations view. */
const appRequestSeconds = new Histogram({
  name: 'yuletide_app_request_duration_seconds',
  help: 'Seconds from the arrival of a request at this app server to its answer',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

/** Largest request body read; forms are small. */
const MAX_BODY_BYTES = 1024 * 1024;
/** A request id we accept from upstream: printable, short. */
const REQUEST_ID = /^[\w.:-]{1,64}$/;

export interface ServerTimeouts {
  /** A client must finish sending headers within this many ms. */
  readonly headersMs: number;
  /** …and the whole request within this many ms. */
  readonly requestMs: number;
  /** Idle keep-alive connections close after this many ms; the proxy's pool idles out sooner. */
  readonly keepAliveMs: number;
}

/** Chosen so a proxy pool with a shorter idle timeout never reuses a socket the server is closing. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 65_000,
};

/** Serves an application's `handle` over HTTP/1.1, and stops gracefully. */
export class AppServer {
  readonly #server: http.Server;
  readonly #log: Logger;
  #sequence = 0;
  readonly #idPrefix = `${process.pid.toString(36)}-${Date.now().toString(36)}-`;
  #inFlight = 0;

  constructor(
    handle: (request: AppRequest) => Promise<AppResponse>,
    options: { log: Logger; timeouts?: ServerTimeouts },
  ) {
    const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
    this.#log = options.log;
    this.#server = http.createServer({
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      connectionsCheckingInterval: 1000,
    });
    this.#server.on('request', (req, res) => void this.#serve(handle, req, res));
    this.#server.on('clientError', (error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      this.#log.debug({ err: error }, 'client error');
    });
  }

  async #serve(
    handle: (request: AppRequest) => Promise<AppResponse>,
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> {
    this.#inFlight++;
    const started = performance.now();
    const inbound = req.headers['x-request-id'];
    const requestId =
      typeof inbound === 'string' && REQUEST_ID.test(inbound) ? inbound : this.#nextId();
    try {
      const url = req.url ?? '/';
      const queryAt = url.indexOf('?');
      let response: AppResponse;
      try {
        const body = await readBody(req);
        response = await handle({
          method: req.method ?? 'GET',
          path: queryAt === -1 ? url : url.slice(0, queryAt),
          query: new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1)),
          headers: req.headers,
          body,
          requestId,
          remoteAddress: req.socket.remoteAddress ?? '',
        });
      } catch (error) {
        if (!(error instanceof PayloadTooLargeError)) throw error;
        response = { status: 413, headers: { connection: 'close' }, body: error.message };
      }
      res.statusCode = response.status;
      for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
      res.setHeader('x-request-id', requestId);
      res.end(req.method === 'HEAD' ? undefined : response.body);
    } catch (error) {
      this.#log.error({ err: error, reqId: requestId }, 'response failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    } finally {
      this.#inFlight--;
      appRequestSeconds.observe((performance.now() - started) / 1000);
      // Access lines are debug: at thousands of pages a second they would cost more than the pages.
      this.#log.debug(
        {
          reqId: requestId,
          method: req.method,
          url: req.url,
          status: res.statusCode,
          ms: performance.now() - started,
        },
        'request',
      );
    }
  }

  #nextId(): string {
    this.#sequence = (this.#sequence + 1) % 2_147_483_647;
    return this.#idPrefix + this.#sequence.toString(36);
  }

  /** Listens on host:port (0 picks a free port); resolves to the port. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, host, () => {
        this.#server.off('error', reject);
        resolve((this.#server.address() as AddressInfo).port);
      });
    });
  }

  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes every connection. */
  async close(graceMs = 10_000): Promise<void> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    const deadline = Date.now() + graceMs;
    while (this.#inFlight > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      this.#server.closeIdleConnections();
    }
    this.#server.closeAllConnections();
    await closed;
  }
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  if (req.method === 'GET' || req.method === 'HEAD') {
    req.resume();
    return Buffer.alloc(0);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
