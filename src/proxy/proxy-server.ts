import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { csrfCookie, type Logger } from '../shared/index.js';
import { errorAnswer } from './error-answer.js';
import { ownAnswerFields } from './own-answer.js';
import { TooManyRequestsError } from './errors.js';
import {
  DEFAULT_TIMEOUTS,
  RequestIds,
  StalledWriters,
  answerClientError,
  forwardedHeaders,
  refusal,
  serverOptions,
  type Refusal,
} from './http-guard/index.js';
import { OPERATIONS_PATHS, OperationsEndpoint } from './operations/index.js';
import {
  forwardStatus,
  type CacheAnswer,
  type CacheOutcome,
  type Headers,
  type OriginResponse,
  type PageCache,
  type StoredPage,
} from './page-cache/index.js';
import type {
  ProxyServerOptions,
  RequestThrottle,
  ResponseKind,
  SessionIssuer,
  UpstreamPool,
} from './proxy-server-options.js';
import { readBody } from './read-body.js';
import { VerifiedCookies } from './session/index.js';
import type { StaticFiles } from './static-files/index.js';

/** RFC 6797: one year, the usual preload minimum; subdomains are left to their own servers. */
const HSTS = 'max-age=31536000';
const METRIC_KIND: Record<CacheOutcome, ResponseKind> = {
  hit: 'hit',
  stale: 'stale',
  collapsed: 'hit',
  miss: 'miss',
  revalidated: 'miss',
  pass: 'bypass',
};

/**
 * The proxy tier's server (the paper's slim front Apache). Each request goes through: the
 * guard (smuggling shapes, oversized heads, slow clients) → operations and PURGE (loopback or
 * admin token) → static files → the session cookie (issued when missing or invalid, on cache
 * hits too, never stored) → the page cache → the throttle (only what reaches the app tier) →
 * the sticky balancer → the page cache stores what it may → the client.
 */
export class ProxyServer {
  readonly #server: http.Server;
  readonly #log: Logger;
  readonly #upstream: UpstreamPool;
  readonly #cache: PageCache;
  readonly #sessions: SessionIssuer;
  readonly #verified: VerifiedCookies;
  /** `yt_sid=`: how a Set-Cookie for the session cookie starts. */
  readonly #cookiePrefix: string;
  readonly #throttle: RequestThrottle | undefined;
  readonly #static: StaticFiles | undefined;
  readonly #operations: OperationsEndpoint;
  readonly #metrics: ProxyServerOptions['metrics'];
  readonly #maxBodyBytes: number;
  readonly #csrf: ProxyServerOptions['csrf'];
  readonly #proto: 'http' | 'https';
  readonly #ids = new RequestIds();
  /** Sockets answered 400 and being closed: anything else read from them is ignored. */
  readonly #refused = new WeakSet<Socket>();
  readonly #stalled: StalledWriters;
  #inFlight = 0;

  constructor(options: ProxyServerOptions) {
    this.#log = options.log;
    this.#upstream = options.upstream;
    this.#cache = options.cache;
    this.#sessions = options.sessions;
    this.#verified = new VerifiedCookies(options.sessions);
    this.#cookiePrefix = `${options.sessions.cookieName}=`;
    this.#throttle = options.throttle;
    this.#static = options.staticFiles;
    this.#operations = new OperationsEndpoint({
      log: options.log,
      adminToken: options.adminToken,
      upstream: options.upstream,
      cache: options.cache,
      pages: options.operations,
      hsts: options.tls ? HSTS : undefined,
    });
    this.#metrics = options.metrics;
    this.#maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
    this.#csrf = options.csrf;
    this.#proto = options.tls ? 'https' : 'http';
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    const settings = serverOptions(timeouts);
    this.#server = options.tls
      ? https.createServer({ ...settings, cert: options.tls.cert, key: options.tls.key })
      : http.createServer(settings);
    this.#server.maxHeadersCount = 100;
    this.#stalled = new StalledWriters(this.#server, timeouts.stalledWriteMs);
    this.#server.on('request', this.#onRequest);
    this.#server.on('clientError', (error: Error & { code?: string }, socket) => {
      this.#log.debug({ err: error, code: error.code }, 'client error');
      answerClientError(error, socket);
    });
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
    this.#stalled.stop();
    await closed;
  }

  readonly #onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const socket = req.socket;
    if (this.#refused.has(socket)) {
      socket.destroy();
      return;
    }
    const refused = refusal(req);
    if (refused) {
      this.#refuse(req, res, refused);
      return;
    }
    const started = performance.now();
    this.#inFlight++;
    const requestId = this.#ids.next();
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const queryAt = url.indexOf('?');
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);

    // ── Operations: /__health (here), /__status and /__metrics (operations/), and PURGE. ──
    if (method === 'PURGE' || (pathname.startsWith('/__') && OPERATIONS_PATHS.has(pathname))) {
      this.#operate(req, res, pathname, requestId, started);
      return;
    }

    // ── Static files: served before sessions, so images never carry a cookie. ──
    if (this.#static?.matches(pathname)) {
      const extra = this.#extraHeaders(requestId, undefined);
      extra.push('age', '0', 'cache-status', forwardStatus('bypass', { detail: 'static-file' }));
      res.once('close', () => this.#done('static', res.statusCode, started));
      void this.#static.serve(req, res, extra);
      return;
    }

    // ── Session: a valid cookie names the session; otherwise one is issued with this answer. ──
    const cookie = req.headers.cookie;
    const known = cookie === undefined ? undefined : this.#verified.read(cookie);
    let sessionId = known;
    let setCookie: string | undefined;
    if (sessionId === undefined) {
      const issued = this.#sessions.issue();
      sessionId = issued.id;
      setCookie = issued.setCookie;
    }

    if (method === 'GET' && pathname === this.#csrf?.path) {
      this.#sendCsrfToken(res, this.#csrf.token(sessionId), setCookie, requestId, started);
      return;
    }

    // ── Page cache: a fresh hit at once; anything else through serve(), whose origin
    // callback is throttle → balancer. ──
    if (method === 'GET' || method === 'HEAD') {
      const now = Date.now();
      const page = this.#cache.freshPage(url, req.headers, now);
      if (page !== undefined) {
        this.#sendHit(req, res, page, now, setCookie, requestId, started);
        return;
      }
    }
    const exchange: Exchange = {
      req,
      res,
      requestId,
      sessionId,
      setCookie,
      started,
    };
    let answer: CacheAnswer | Promise<CacheAnswer>;
    try {
      answer = this.#cache.serve({ method, url, headers: req.headers }, (headers) =>
        this.#toApp(exchange, headers),
      );
    } catch (error) {
      this.#fail(exchange, error);
      return;
    }
    if (answer instanceof Promise) {
      answer.then(
        (ready) => this.#send(exchange, ready),
        (error: unknown) => this.#fail(exchange, error),
      );
    } else {
      this.#send(exchange, answer);
    }
  };

  /** The origin callback of the page cache: throttle, then the sticky balancer. */
  async #toApp(exchange: Exchange, headers: Headers): Promise<OriginResponse> {
    const { req } = exchange;
    const body = await readBody(req, this.#maxBodyBytes);
    if (this.#throttle) {
      // Throttled per valid session; a client without one is counted by its address.
      const key =
        exchange.setCookie === undefined
          ? exchange.sessionId
          : `addr:${req.socket.remoteAddress ?? ''}`;
      const decision = await this.#throttle.take(key);
      if (!decision.allowed) throw new TooManyRequestsError(decision.retryAfterSeconds);
    }
    const upstreamHeaders = forwardedHeaders(headers, {
      clientAddress: req.socket.remoteAddress ?? '',
      proto: this.#proto,
      host: req.headers.host,
      requestId: exchange.requestId,
    });
    if (exchange.setCookie !== undefined) {
      // The app sees the session issued with this very answer, as on every later request.
      const pair = exchange.setCookie.slice(0, exchange.setCookie.indexOf(';'));
      const cookie = upstreamHeaders['cookie'];
      upstreamHeaders['cookie'] = cookie === undefined ? pair : `${String(cookie)}; ${pair}`;
    }
    return this.#upstream.forward(
      { method: req.method ?? 'GET', path: req.url ?? '/', headers: upstreamHeaders, body },
      exchange.sessionId,
    );
  }

  #send(exchange: Exchange, answer: CacheAnswer): void {
    const { req, res } = exchange;
    // slice and push: concat with loose values takes V8's slow generic path.
    const headers = answer.headers.slice();
    headers.push(
      'age',
      String(answer.age),
      'cache-status',
      answer.cacheStatus,
      'x-request-id',
      exchange.requestId,
    );
    // The app may set the session cookie itself (a new id at login and logout): its own wins.
    if (exchange.setCookie !== undefined && !this.#setsSessionCookie(answer.headers)) {
      headers.push('set-cookie', exchange.setCookie);
    }
    if (this.#proto === 'https') headers.push('strict-transport-security', HSTS);
    res.writeHead(answer.status, headers);
    res.end(req.method === 'HEAD' ? undefined : answer.body);
    this.#done(METRIC_KIND[answer.outcome], answer.status, exchange.started);
  }

  /**
   * A fresh hit, with nothing allocated but the request id: the page's shared field list
   * (StoredPage.hitFields) with its free pairs filled by X-Request-Id, and Set-Cookie and HSTS
   * when due. Stored pages never set cookies, so the issued one is always added.
   */
  #sendHit(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    page: StoredPage,
    now: number,
    setCookie: string | undefined,
    requestId: string,
    started: number,
  ): void {
    const https = this.#proto === 'https';
    const free = 1 + (setCookie === undefined ? 0 : 1) + (https ? 1 : 0);
    const fields = page.hitFields(now, free);
    let at = fields.length - 2 * free;
    fields[at++] = 'x-request-id';
    fields[at++] = requestId;
    if (setCookie !== undefined) {
      fields[at++] = 'set-cookie';
      fields[at++] = setCookie;
    }
    if (https) {
      fields[at++] = 'strict-transport-security';
      fields[at] = HSTS;
    }
    res.writeHead(page.status, fields);
    res.end(req.method === 'HEAD' ? undefined : page.body);
    this.#done('hit', page.status, started);
  }

  /**
   * The session's CSRF token, as the app's `/csrf-token` answers it: in the body and in the
   * readable cookie that cached pages' forms read. Never stored: it is the session's own.
   */
  #sendCsrfToken(
    res: http.ServerResponse,
    token: string,
    setCookie: string | undefined,
    requestId: string,
    started: number,
  ): void {
    const body = Buffer.from(token);
    const headers = this.#extraHeaders(requestId, setCookie);
    headers.push(
      'set-cookie',
      csrfCookie(token, this.#proto === 'https'),
      ...ownAnswerFields(
        'text/plain; charset=utf-8',
        body,
        { reason: 'bypass', detail: 'csrf-token' },
        'private, no-store',
      ),
    );
    res.writeHead(200, headers);
    res.end(body);
    this.#done('bypass', 200, started);
  }

  /** Answers an error with a friendly page; what the client sees depends on the error's type. */
  #fail(exchange: Exchange, error: unknown): void {
    const { res, requestId } = exchange;
    if (res.headersSent) {
      res.destroy();
      this.#done('error', 500, exchange.started);
      return;
    }
    const answer = errorAnswer(error, requestId);
    if (answer.log !== undefined) {
      this.#log[answer.log.level](
        { reqId: requestId, url: exchange.req.url, err: error },
        answer.log.message,
      );
    }
    const headers = this.#extraHeaders(requestId, exchange.setCookie);
    headers.push(...answer.headers);
    res.writeHead(answer.status, headers);
    res.end(exchange.req.method === 'HEAD' ? undefined : answer.body);
    this.#done(answer.kind, answer.status, exchange.started);
  }

  #operate(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
    requestId: string,
    started: number,
  ): void {
    res.once('close', () => this.#done('operations', res.statusCode, started));
    this.#operations.answer(req, res, pathname, requestId);
  }

  /** True when `headers` (`[name, value, …]`) set the session cookie. */
  #setsSessionCookie(headers: readonly string[]): boolean {
    for (let i = 0; i < headers.length; i += 2) {
      if (
        headers[i] === 'set-cookie' &&
        headers[i + 1]!.trimStart().startsWith(this.#cookiePrefix)
      ) {
        return true;
      }
    }
    return false;
  }

  /** Fields on every answer: the request id, the session cookie when issued, HSTS over TLS. */
  #extraHeaders(requestId: string, setCookie: string | undefined): string[] {
    const headers = ['x-request-id', requestId];
    if (setCookie !== undefined) headers.push('set-cookie', setCookie);
    if (this.#proto === 'https') headers.push('strict-transport-security', HSTS);
    return headers;
  }

  /** Answers a smuggling shape and closes the connection; nothing else from it is read. */
  #refuse(req: http.IncomingMessage, res: http.ServerResponse, refused: Refusal): void {
    const socket = req.socket;
    this.#refused.add(socket);
    this.#log.info(
      { reason: refused.reason, remote: socket.remoteAddress, url: req.url },
      'ambiguous request refused',
    );
    const body = `${http.STATUS_CODES[refused.status]}: ${refused.reason}\n`;
    res.shouldKeepAlive = false;
    res.writeHead(refused.status, {
      connection: 'close',
      'content-type': 'text/plain; charset=utf-8',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body, () => socket.destroy());
  }

  /** Called exactly once per request that got past the guard. */
  #done(kind: ResponseKind, status: number, started: number): void {
    this.#inFlight--;
    this.#metrics?.observeRequest(kind, status, (performance.now() - started) / 1000);
  }
}

/** One request on its way through the pipeline. */
interface Exchange {
  readonly req: http.IncomingMessage;
  readonly res: http.ServerResponse;
  readonly requestId: string;
  readonly sessionId: string;
  /** The session cookie issued with this answer; undefined when the request had a valid one. */
  readonly setCookie: string | undefined;
  readonly started: number;
}
