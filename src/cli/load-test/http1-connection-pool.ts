import net from 'node:net';
import {
  Connection,
  Http1Error,
  type Done,
  type Http1Request,
  type Pending,
} from './http1-connection.js';

export {
  Http1Error,
  type Http1Reply,
  type Http1Request,
  type ReplyHeaders,
} from './http1-connection.js';

/**
 * Keep-alive HTTP/1.1 connections to one origin, at most one request on each at a time (as a
 * browser: no pipelining), idle ones reused most-recent first. It is what the load generator
 * needs and nothing more — Content-Length and chunked bodies, the few response headers it reads,
 * the rest skipped — because undici, doing everything a general client must, cost 2–2.5× the CPU
 * per request on the machine the store runs on (docs/decisions.md).
 */
export class Http1ConnectionPool {
  readonly #port: number;
  readonly #host: string;
  readonly #hostLine: string;
  readonly #max: number;
  readonly #timeoutMs: number;
  readonly #idle: Connection[] = [];
  readonly #busy = new Set<Connection>();
  readonly #queue: Pending[] = [];
  readonly #sweep: NodeJS.Timeout;
  /**
   * Every socket reads into this one buffer (net's `onread`), handled before the next read: no
   * buffer allocated per read and no stream machinery, which was a tenth of the generator's CPU
   * in garbage collection alone. Bytes kept past a read (a body asked for) are copied out.
   */
  readonly #readBuffer = Buffer.allocUnsafe(64 * 1024);
  #open = 0;
  #destroyed = false;

  constructor(origin: string, options: { connections: number; timeoutMs: number }) {
    const url = new URL(origin);
    if (url.protocol !== 'http:')
      throw new Http1Error('INVALID_ARG', `only http:// (got ${origin})`);
    this.#host = url.hostname.replace(/^\[|\]$/g, '');
    this.#port = Number(url.port || 80);
    this.#hostLine = `host: ${url.host}\r\n`;
    this.#max = options.connections;
    this.#timeoutMs = options.timeoutMs;
    // One timer for every connection, not one per request: a request is timed out within a
    // second of its deadline, which is all a load test needs.
    this.#sweep = setInterval(() => this.#expire(), 1000).unref();
  }

  /** Requests waiting for a free connection now. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Sends one request; `done` gets an error on a failed connection or timeout, never for a status. */
  send(request: Http1Request, done: Done): void {
    if (this.#destroyed) return done(new Http1Error('DESTROYED', 'the pool is closed'), undefined);
    this.#dispatch({ request, done, sentAt: performance.now(), retried: false });
  }

  /** Closes every connection; requests in flight or waiting fail. */
  destroy(): Promise<void> {
    this.#destroyed = true;
    clearInterval(this.#sweep);
    const closed = new Error('the pool is closed');
    for (const pending of this.#queue.splice(0)) pending.done(closed, undefined);
    for (const connection of [...this.#idle, ...this.#busy]) connection.fail(closed);
    return Promise.resolve();
  }

  #dispatch(pending: Pending): void {
    const connection = this.#idle.pop() ?? (this.#open < this.#max ? this.#connect() : undefined);
    if (connection) {
      this.#busy.add(connection);
      connection.start(pending, this.#hostLine);
    } else {
      this.#queue.push(pending);
    }
  }

  #connect(): Connection {
    this.#open++;
    const socket = (read: (data: Buffer) => void) =>
      net.connect({
        port: this.#port,
        host: this.#host,
        noDelay: true,
        onread: {
          buffer: this.#readBuffer,
          callback: (n) => {
            read(this.#readBuffer.subarray(0, n));
            return true;
          },
        },
      });
    return new Connection(socket, {
      free: (connection) => {
        this.#busy.delete(connection);
        const next = this.#queue.shift();
        if (next) {
          this.#busy.add(connection);
          connection.start(next, this.#hostLine);
        } else {
          this.#idle.push(connection);
        }
      },
      closed: (connection, unanswered) => {
        this.#open--;
        this.#busy.delete(connection);
        const at = this.#idle.indexOf(connection);
        if (at !== -1) this.#idle.splice(at, 1);
        // A keep-alive connection the server closed as the request went out: sent again once,
        // if it cannot have changed anything (a GET), as a browser does.
        if (unanswered && !this.#destroyed) this.#dispatch(unanswered);
        else if (this.#queue.length > 0 && !this.#destroyed) this.#dispatch(this.#queue.shift()!);
      },
    });
  }

  #expire(): void {
    const now = performance.now();
    for (const connection of this.#busy) {
      if (now - connection.lastActivity > this.#timeoutMs) {
        connection.fail(new Http1Error('TIMEOUT', `no answer within ${this.#timeoutMs} ms`));
      }
    }
  }
}
