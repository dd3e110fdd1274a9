import type net from 'node:net';

/** The headers of an answer the generator reads; every other header is skipped unparsed. */
export interface ReplyHeaders {
  readonly setCookie: readonly string[];
  readonly cacheStatus: string | undefined;
  readonly location: string | undefined;
  readonly retryAfter: string | undefined;
}

/** One answer: status, the headers the generator reads, and the body when it was asked for. */
export interface Http1Reply {
  readonly status: number;
  readonly headers: ReplyHeaders;
  readonly body: Buffer | undefined;
  readonly bytes: number;
  /** From `send` to the last byte of the body, ms (time waiting for a free connection included). */
  readonly ms: number;
}

/** A request, its head already written as HTTP/1.1 header lines (`name: value\r\n` each). */
export interface Http1Request {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headerLines: string;
  readonly body?: string | undefined;
  readonly keepBody: boolean;
}

/** A connection or protocol failure, with a stable code as undici gives (`UND_ERR_*`). */
export class Http1Error extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'Http1Error';
    this.code = code;
  }
}

export type Done = (error: Error | undefined, reply: Http1Reply | undefined) => void;

export interface Pending {
  readonly request: Http1Request;
  readonly done: Done;
  readonly sentAt: number;
  /** Sent once already on a reused connection that closed before answering. */
  retried: boolean;
}

/** A response head larger than this is refused (the proxy's own limit is far below). */
const MAX_HEAD_BYTES = 64 * 1024;
const CRLF2 = Buffer.from('\r\n\r\n');
/** Most answers set no cookie (the shopper has its session already): one shared empty list. */
const NO_COOKIES: readonly string[] = Object.freeze([]);

export interface Owner {
  free(connection: Connection): void;
  /** `unanswered`: a request to send again on another connection. */
  closed(connection: Connection, unanswered: Pending | undefined): void;
}

/** One socket and the response being read on it. */
export class Connection {
  readonly #socket: net.Socket;
  readonly #owner: Owner;
  #pending: Pending | undefined;
  /** Requests answered on this socket: a request on a reused one may be sent again. */
  #answered = 0;
  lastActivity = performance.now();
  // The response being read.
  #head: Buffer | undefined;
  #status = 0;
  #headers: ReplyHeaders | undefined;
  #chunks: Buffer[] | undefined;
  #bytes = 0;
  /** Body bytes still to come (Content-Length), or of the current chunk (chunked). */
  #remaining = 0;
  #chunked = false;
  /** Chunked: the partial size line carried over from the previous read. */
  #sizeLine = '';
  /** Chunked: bytes of the CRLF after a chunk's data still to skip. */
  #skip = 0;
  #close = false;
  #closed = false;
  /** Bytes of the CRLF that ends a chunked body, not yet read when the answer was complete. */
  #drain = 0;

  /** `connect` opens the socket, given what to do with each read's bytes (valid until it returns). */
  constructor(connect: (read: (data: Buffer) => void) => net.Socket, owner: Owner) {
    const socket = connect((data) => this.#read(data));
    this.#socket = socket;
    this.#owner = owner;
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () =>
      this.fail(new Http1Error('SOCKET', 'the store closed the connection')),
    );
  }

  start(pending: Pending, hostLine: string): void {
    this.#pending = pending;
    this.#head = undefined;
    this.#headers = undefined;
    this.#bytes = 0;
    this.#chunks = pending.request.keepBody ? [] : undefined;
    this.lastActivity = performance.now();
    const { method, path, headerLines, body } = pending.request;
    // One write per request (head and body together): one syscall, one loopback segment.
    const length = body === undefined ? '' : `content-length: ${Buffer.byteLength(body)}\r\n`;
    this.#socket.write(
      `${method} ${path} HTTP/1.1\r\n${hostLine}${headerLines}${length}\r\n${body ?? ''}`,
      'latin1',
    );
  }

  fail(error: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.destroy();
    const pending = this.#pending;
    this.#pending = undefined;
    const resend =
      pending !== undefined &&
      this.#answered > 0 &&
      this.#headers === undefined &&
      this.#head === undefined &&
      pending.request.method === 'GET' &&
      !pending.retried;
    if (resend) pending.retried = true;
    else pending?.done(error, undefined);
    this.#owner.closed(this, resend ? pending : undefined);
  }

  #read(data: Buffer): void {
    this.lastActivity = performance.now();
    let at = 0;
    if (this.#drain > 0) {
      at = Math.min(this.#drain, data.length);
      this.#drain -= at;
      if (at === data.length) return;
      data = data.subarray(at);
      at = 0;
    }
    if (this.#pending === undefined) return this.fail(new Http1Error('SOCKET', 'unasked-for data'));
    if (this.#headers === undefined) {
      const head = this.#head ? Buffer.concat([this.#head, data]) : data;
      const end = head.indexOf(CRLF2);
      if (end === -1) {
        if (head.length > MAX_HEAD_BYTES)
          this.fail(new Http1Error('HEADERS_OVERFLOW', 'head too large'));
        else this.#head = head === data ? Buffer.from(data) : head;
        return;
      }
      this.#head = undefined;
      if (!this.#parseHead(head.toString('latin1', 0, end))) return;
      data = head;
      at = end + 4;
      // A 1xx answer is followed by the real one; none of the store's routes sends one.
      if (
        this.#status === 204 ||
        this.#status === 304 ||
        (!this.#chunked && this.#remaining === 0)
      ) {
        return this.#finish();
      }
    }
    if (this.#chunked) this.#readChunked(data, at);
    else if (this.#take(data, at, Math.min(data.length, at + this.#remaining))) this.#finish();
  }

  /** Counts (and keeps) body bytes [from, to); true when the Content-Length is reached. */
  #take(data: Buffer, from: number, to: number): boolean {
    if (to > from) {
      this.#bytes += to - from;
      this.#remaining -= to - from;
      this.#chunks?.push(Buffer.from(data.subarray(from, to)));
    }
    return this.#remaining === 0;
  }

  #readChunked(data: Buffer, at: number): void {
    while (at < data.length) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, data.length - at);
        this.#skip -= n;
        at += n;
      } else if (this.#remaining > 0) {
        const to = Math.min(data.length, at + this.#remaining);
        this.#take(data, at, to);
        at = to;
        if (this.#remaining === 0) this.#skip = 2;
      } else {
        const eol = data.indexOf(10, at);
        if (eol === -1) {
          this.#sizeLine += data.toString('latin1', at);
          return;
        }
        const line = this.#sizeLine + data.toString('latin1', at, eol);
        this.#sizeLine = '';
        at = eol + 1;
        const size = parseInt(line, 16);
        if (Number.isNaN(size)) return this.fail(new Http1Error('INVALID_CHUNK', 'bad chunk size'));
        if (size === 0) {
          // The last chunk; the store sends no trailers, so only the final CRLF follows, usually
          // in this same read, else skipped at the start of the next.
          this.#drain = Math.max(0, 2 - (data.length - at));
          return this.#finish();
        }
        this.#remaining = size;
      }
    }
  }

  /** Reads the status line and the four headers the generator needs; false when it failed. */
  #parseHead(head: string): boolean {
    this.#status = head.startsWith('HTTP/1.') ? Number(head.slice(9, 12)) : 0;
    if (!(this.#status >= 100)) {
      this.fail(new Http1Error('INVALID_RESPONSE', `bad status line: ${head.slice(0, 40)}`));
      return false;
    }
    let setCookie: string[] | undefined;
    let cacheStatus: string | undefined;
    let location: string | undefined;
    let retryAfter: string | undefined;
    let length = -1;
    this.#chunked = false;
    this.#close = false;
    let start = head.indexOf('\r\n') + 2;
    while (start > 1 && start < head.length) {
      let end = head.indexOf('\r\n', start);
      if (end === -1) end = head.length;
      const colon = head.indexOf(':', start);
      // Most headers are told apart from the five read by their length alone, without a copy.
      switch (colon === -1 || colon > end ? 0 : colon - start) {
        case 10:
          if (nameIs(head, start, 'set-cookie')) (setCookie ??= []).push(valueOf(head, colon, end));
          else if (nameIs(head, start, 'connection')) {
            this.#close = /close/i.test(valueOf(head, colon, end));
          }
          break;
        case 14:
          if (nameIs(head, start, 'content-length')) length = Number(valueOf(head, colon, end));
          break;
        case 12:
          if (nameIs(head, start, 'cache-status')) cacheStatus = valueOf(head, colon, end);
          break;
        case 17:
          if (nameIs(head, start, 'transfer-encoding')) {
            this.#chunked = /chunked/i.test(valueOf(head, colon, end));
          }
          break;
        case 8:
          if (nameIs(head, start, 'location')) location = valueOf(head, colon, end);
          break;
        case 11:
          if (nameIs(head, start, 'retry-after')) retryAfter = valueOf(head, colon, end);
          break;
      }
      start = end + 2;
    }
    if (!this.#chunked && !(length >= 0)) {
      // Without a length the body runs to the close of the connection (RFC 9112 §6.3): the
      // store never answers so, and a load test cannot time such a body apart from the close.
      this.fail(new Http1Error('INVALID_RESPONSE', 'an answer with neither length nor chunks'));
      return false;
    }
    this.#remaining = this.#chunked ? 0 : length;
    this.#sizeLine = '';
    this.#skip = 0;
    this.#headers = { setCookie: setCookie ?? NO_COOKIES, cacheStatus, location, retryAfter };
    return true;
  }

  #finish(): void {
    const pending = this.#pending!;
    const chunks = this.#chunks;
    const reply: Http1Reply = {
      status: this.#status,
      headers: this.#headers!,
      body: chunks && (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)),
      bytes: this.#bytes,
      ms: performance.now() - pending.sentAt,
    };
    this.#pending = undefined;
    this.#chunks = undefined;
    this.#answered++;
    if (this.#close) this.fail(new Http1Error('SOCKET', 'closed after the answer'));
    else this.#owner.free(this);
    pending.done(undefined, reply);
  }
}

/** Whether the header name at `start` is `name` (lower case), ignoring case. */
function nameIs(head: string, start: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    if ((head.charCodeAt(start + i) | 0x20) !== name.charCodeAt(i)) return false;
  }
  return true;
}

function valueOf(head: string, colon: number, end: number): string {
  return head.slice(colon + 1, end).trim();
}
