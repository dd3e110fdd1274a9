import { CookieJar } from './cookie-jar.js';
import type { PageKind } from './page-kinds.js';
import type { Recorder } from './recorder.js';
import type { Reply, StoreConnection } from './store-connection.js';

/** A page as a shopper's script sees it: its status, and its body when it was kept. */
export interface Page {
  readonly status: number;
  /** The body as Latin-1 text (every token and link read from it is ASCII), when kept as text. */
  readonly text: string | undefined;
  /** The body's bytes, when kept. */
  readonly raw: Buffer | undefined;
  /** The path a form post redirected to, before it was followed. */
  readonly redirectedTo: string | undefined;
}

/** Ends a session that met an error, as a shopper leaves a broken site; already recorded. */
export class SessionAbandoned extends Error {
  constructor(type: string) {
    super(type);
    this.name = 'SessionAbandoned';
  }
}

/** Ends a session still in progress when the run stopped waiting for it: not an error. */
export class SessionCutOff extends Error {
  constructor() {
    super('the run ended');
    this.name = 'SessionCutOff';
  }
}

/** Whether the run has stopped: sessions still going then end quietly at their next request. */
export interface RunState {
  stopped: boolean;
}

export interface RequestOptions {
  /**
   * Keep the body: `text` to read a token or links from it, `raw` to search its bytes (is a
   * product in stock); by default it is only counted.
   */
  readonly keep?: 'text' | 'raw';
  /** Statuses that are outcomes the caller handles (409 sold out), not errors. */
  readonly allow?: readonly number[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** The headers every request of a browser carries, as header lines. */
const BROWSER_HEADERS =
  'accept: text/html,application/xhtml+xml,*/*;q=0.8\r\nuser-agent: yuletide-bench/1 (load test)\r\n';

/**
 * One shopper's browser: its own cookie jar (never shared with another shopper), the CSRF token
 * sent with every form (from the `yt_csrf` cookie, as public/js/cart-count.js fills it in, or
 * `GET /csrf-token` the first time), `Origin` and `Sec-Fetch-Site: same-origin` on form posts,
 * and the redirect after a post followed with a GET. Every answer is timed and recorded; an
 * unexpected one is recorded as an error and ends the session (SessionAbandoned).
 */
export class VirtualBrowser {
  readonly jar = new CookieJar();
  readonly #connection: StoreConnection;
  readonly #recorder: Recorder;
  readonly #run: RunState;
  readonly #formHeaders: string;

  constructor(connection: StoreConnection, origin: string, recorder: Recorder, run: RunState) {
    this.#connection = connection;
    this.#recorder = recorder;
    this.#run = run;
    this.#formHeaders = `content-type: application/x-www-form-urlencoded\r\norigin: ${origin}\r\nsec-fetch-site: same-origin\r\n`;
  }

  /** GETs a page; anything but 200 (or an allowed status) abandons the session. */
  async get(kind: PageKind, path: string, options: RequestOptions = {}): Promise<Page> {
    const reply = await this.#send(kind, 'GET', path, undefined, options.keep !== undefined);
    return this.#page(kind, 'GET', path, reply, options, undefined);
  }

  /**
   * Posts a form (with `_csrf`) and, when it answers with a redirect, GETs where it points as
   * `landing`; a form that answers with a page (200, or an allowed status) is returned as is.
   */
  async post(
    kind: PageKind,
    path: string,
    fields: Record<string, string>,
    landing: PageKind,
    options: RequestOptions = {},
  ): Promise<Page> {
    const form = new URLSearchParams(fields);
    form.set('_csrf', await this.csrfToken());
    const reply = await this.#send(kind, 'POST', path, form.toString(), options.keep !== undefined);
    if (REDIRECTS.has(reply.status)) {
      const location = reply.headers.location;
      if (location === undefined) this.#fail(`${reply.status} POST ${kind} without Location`);
      const target = location.startsWith('/') ? location : pathOf(location);
      const landed = await this.#send(
        landing,
        'GET',
        target,
        undefined,
        options.keep !== undefined,
      );
      return this.#page(landing, 'GET', target, landed, options, target);
    }
    return this.#page(kind, 'POST', path, reply, options, undefined);
  }

  /** The session's CSRF token: the `yt_csrf` cookie, fetched from `/csrf-token` when missing. */
  async csrfToken(): Promise<string> {
    const cookie = this.jar.get('yt_csrf');
    if (cookie !== undefined) return cookie;
    const reply = await this.#send('csrf-token', 'GET', '/csrf-token', undefined, true);
    this.#page('csrf-token', 'GET', '/csrf-token', reply, {}, undefined);
    const token = this.jar.get('yt_csrf') ?? reply.body?.toString('latin1').trim();
    if (!token) this.#fail('no CSRF token from /csrf-token');
    return token;
  }

  /** Fetches assets as a browser does, several at once; only counted, never read. */
  async assets(paths: readonly string[]): Promise<void> {
    await Promise.all(paths.map((path) => this.get('asset', path)));
  }

  #fail(type: string): never {
    this.#recorder.error(type);
    throw new SessionAbandoned(type);
  }

  async #send(
    kind: PageKind,
    method: 'GET' | 'POST',
    path: string,
    body: string | undefined,
    keepBody: boolean,
  ): Promise<Reply> {
    let headerLines = BROWSER_HEADERS;
    const cookie = this.jar.header;
    if (cookie !== undefined) headerLines += `cookie: ${cookie}\r\n`;
    // What a browser sends with a same-site form post; the app refuses posts without them.
    if (method === 'POST') headerLines += this.#formHeaders;
    if (this.#run.stopped) throw new SessionCutOff();
    let reply: Reply;
    try {
      reply = await this.#connection.send({ method, path, headerLines, body, keepBody });
    } catch (error) {
      if (this.#run.stopped) throw new SessionCutOff();
      const code = (error as { code?: string }).code ?? (error as Error).name;
      this.#fail(`connection: ${code} (${method} ${kind})`);
    }
    this.jar.store(reply.headers.setCookie);
    this.#recorder.answer(kind, reply.ms, reply.bytes, reply.headers.cacheStatus);
    return reply;
  }

  #page(
    kind: PageKind,
    method: string,
    path: string,
    reply: Reply,
    options: RequestOptions,
    redirectedTo: string | undefined,
  ): Page {
    const ok = reply.status === 200 || (options.allow?.includes(reply.status) ?? false);
    if (!ok) {
      // A 4xx says the shopper asked wrongly: name the page, to find what it was.
      const client = reply.status >= 400 && reply.status < 500 && reply.status !== 429;
      this.#fail(`${reply.status} ${method} ${kind}${client ? ` ${path.slice(0, 80)}` : ''}`);
    }
    return {
      status: reply.status,
      raw: reply.body,
      text: options.keep === 'text' ? reply.body?.toString('latin1') : undefined,
      redirectedTo,
    };
  }
}

function pathOf(location: string): string {
  const url = new URL(location);
  return url.pathname + url.search;
}
