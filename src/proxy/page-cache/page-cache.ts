import CachePolicy from 'http-cache-semantics';
import type { Logger } from '../../shared/index.js';
import { forwardStatus, hitStatus } from './cache-status.js';
import {
  policyHeaders,
  policyRequest,
  variantKey,
  varyFields,
  without,
  withoutClientConditionals,
} from './cache-request.js';
import { notModified } from './conditional.js';
import { passAnswer } from './pass-answer.js';
import type { PageStore } from './page-store.js';
import { StoredPage, type Headers } from './stored-page.js';

/** A request as the cache sees it: `url` is the path and query, `headers` the client's. */
export interface CacheRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
}

/** The origin's whole answer. */
export interface OriginResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
}

/**
 * Sends the client's request upstream with `headers` in place of the client's (the cache
 * removes conditionals and `Host`, and adds its own validators); rejects when it cannot.
 */
export type Origin = (headers: Headers) => Promise<OriginResponse>;

/** What the cache did, for metrics and logs. */
export type CacheOutcome = 'hit' | 'stale' | 'miss' | 'revalidated' | 'collapsed' | 'pass';

/** A response ready to send: `headers` is `[name, value, …]` without `Age` and `Cache-Status`. */
export interface CacheAnswer {
  readonly status: number;
  readonly headers: readonly string[];
  readonly body: Buffer;
  /** Seconds, for the `Age` header (RFC 9111 §5.1). */
  readonly age: number;
  readonly cacheStatus: string;
  readonly outcome: CacheOutcome;
}

export interface PageCacheOptions {
  readonly store: PageStore;
  readonly log: Logger;
  /** Largest body stored. Default 8 MiB. */
  readonly maxPageBytes?: number;
  /** How long a URL that answered uncacheably skips collapsing (Varnish's hit-for-pass). Default 30 s. */
  readonly passMs?: number;
}

/** What a forward leaves for the requests collapsed behind it. */
interface Outcome {
  readonly page?: StoredPage;
  readonly error?: unknown;
}

const EMPTY = Buffer.alloc(0);
/** Tag given to every variant of a URL, so `PURGE <url>` reaches them all. */
const URL_TAG = '\u0001url:';
/** Most URLs remembered as uncacheable at once; the oldest are forgotten first. */
const MAX_PASS_ENTRIES = 10_000;
/** Methods that change state: a success invalidates the URL (RFC 9111 §4.4). */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A shared HTTP cache (RFC 9111) of whole pages. http-cache-semantics decides what may be
 * stored, for how long, and whether a stored page answers a request; this class adds storage,
 * validation upstream, collapsed forwarding, stale-while-revalidate and stale-if-error
 * (RFC 5861), Cache-Status (RFC 9211), and purges by URL and by surrogate key.
 */
export class PageCache {
  readonly #store: PageStore;
  readonly #log: Logger;
  readonly #maxPageBytes: number;
  readonly #passMs: number;
  /** Forwards in flight by key: concurrent misses wait for the one that is already asking. */
  readonly #inflight = new Map<string, Promise<Outcome>>();
  /** URLs whose last answer could not be stored, until when; their misses are not collapsed. */
  readonly #passUntil = new Map<string, number>();

  constructor(options: PageCacheOptions) {
    this.#store = options.store;
    this.#log = options.log;
    this.#maxPageBytes = options.maxPageBytes ?? 8 * 1024 * 1024;
    this.#passMs = options.passMs ?? 30_000;
  }

  get store(): PageStore {
    return this.#store;
  }

  /**
   * Answers `request` from the cache or through `origin`. A fresh hit is answered synchronously
   * (no promise on the hot path). Rejects with the origin's error when there is neither an
   * answer nor a stale page that `stale-if-error` allows.
   */
  serve(request: CacheRequest, origin: Origin): CacheAnswer | Promise<CacheAnswer> {
    const { method, headers } = request;
    if (method !== 'GET' && method !== 'HEAD') return this.#unsafe(request, origin);
    if (headers['range'] !== undefined) return this.#pass(request, origin, 'bypass', 'range');
    let key = request.url;
    let page = this.#store.get(key);
    let reason = 'uri-miss';
    if (page?.varyOn) {
      key = variantKey(request.url, page.varyOn, headers);
      page = this.#store.get(key);
      reason = 'vary-miss';
    }
    if (page === undefined) {
      if (method === 'HEAD') return this.#pass(request, origin, reason);
      return this.#forward(key, request, origin, undefined, reason);
    }
    const now = Date.now();
    // The common case, decided without the policy: what evaluateRequest() would answer for a
    // fresh page with no Vary or must-revalidate, and a request with no Cache-Control or Pragma.
    if (
      page.simple &&
      now < page.freshUntil &&
      headers['cache-control'] === undefined &&
      headers['pragma'] === undefined
    ) {
      return this.#answer(
        page,
        request,
        hitStatus(Math.floor((page.freshUntil - now) / 1000)),
        'hit',
      );
    }
    const evaluation = page.policy!.evaluateRequest(policyRequest(request.url, headers, page.vary));
    if (evaluation.response) {
      if (!evaluation.revalidation)
        return this.#answer(page, request, this.#hitStatus(page), 'hit');
      // RFC 5861 §3: serve the stale page now and refresh it in the background.
      this.#revalidateInBackground(key, page, request, origin);
      return this.#answer(page, request, this.#hitStatus(page, 'stale-while-revalidate'), 'stale');
    }
    if (method === 'HEAD') return this.#pass(request, origin, 'stale');
    // A page still fresh but not usable was refused by the request's own directives.
    return this.#forward(key, request, origin, page, page.policy!.stale() ? 'stale' : 'request');
  }

  /**
   * The page that answers a GET or HEAD of `url` at `now` without asking anything else, in the
   * common case only: a request with no Cache-Control, Pragma, Range or conditional fields, and
   * a stored page with no Vary or must-revalidate that is still fresh — exactly when
   * evaluateRequest() would say "use it" and no 304 is due. Undefined otherwise, and `serve()`
   * decides. The proxy's hot path: no allocation, no promise.
   */
  freshPage(url: string, headers: Headers, now: number): StoredPage | undefined {
    if (
      headers['cache-control'] !== undefined ||
      headers['pragma'] !== undefined ||
      headers['range'] !== undefined ||
      headers['if-none-match'] !== undefined ||
      headers['if-modified-since'] !== undefined
    ) {
      return undefined;
    }
    const page = this.#store.get(url);
    return page !== undefined && page.simple && now < page.freshUntil ? page : undefined;
  }

  /** Drops the page at `url` (path and query) and all its variants; returns how many. */
  purgeUrl(url: string): number {
    this.#passUntil.delete(url);
    const own = this.#store.delete(url) ? 1 : 0;
    return own + this.#store.purgeTag(URL_TAG + url);
  }

  /** Drops every page tagged with one of `tags` (surrogate keys such as `p123`); returns how many. */
  purgeTags(tags: readonly string[]): number {
    let purged = 0;
    for (const tag of tags) purged += this.#store.purgeTag(tag);
    return purged;
  }

  /** Forwards a miss or a revalidation, collapsing concurrent ones for the same key into one. */
  async #forward(
    key: string,
    request: CacheRequest,
    origin: Origin,
    stale: StoredPage | undefined,
    reason: string,
  ): Promise<CacheAnswer> {
    // A request with credentials may get an answer meant only for it: it never shares one.
    const collapsible =
      request.headers['authorization'] === undefined && !this.#passing(request.url);
    if (!collapsible) return (await this.#fetch(key, request, origin, stale, reason)).answer;
    const leader = this.#inflight.get(key);
    if (leader) {
      const outcome = await leader;
      if (outcome.page) {
        const evaluation = outcome.page.policy!.evaluateRequest(
          policyRequest(request.url, request.headers, outcome.page.vary),
        );
        if (evaluation.response && !evaluation.revalidation) {
          const status = forwardStatus(reason, {
            status: outcome.page.status,
            collapsed: true,
            ttl: ttlOf(outcome.page),
          });
          return this.#answer(outcome.page, request, status, 'collapsed');
        }
      } else if (outcome.error !== undefined && isUpstreamFailure(outcome.error)) {
        // The origin is down for everyone: do not knock on it once per waiting request.
        const answer = this.#staleOnError(stale, request, undefined);
        if (answer) return answer;
        throw outcome.error;
      }
      // The answer was not shareable (private, Set-Cookie, throttled…): ask for our own.
      return (await this.#fetch(key, request, origin, stale, reason)).answer;
    }
    const fetching = this.#fetch(key, request, origin, stale, reason);
    const outcome = fetching.then(
      (result) => result.outcome,
      (error: unknown) => ({ error }),
    );
    this.#inflight.set(key, outcome);
    void outcome.finally(() => {
      if (this.#inflight.get(key) === outcome) this.#inflight.delete(key);
    });
    return (await fetching).answer;
  }

  /** One request to the origin, storing its answer when the policy allows. */
  async #fetch(
    key: string,
    request: CacheRequest,
    origin: Origin,
    stale: StoredPage | undefined,
    reason: string,
  ): Promise<{ answer: CacheAnswer; outcome: Outcome }> {
    const base = withoutClientConditionals(request.headers);
    // RFC 9111 §4.3.1: validate the stored page with its own ETag and Last-Modified.
    const headers = stale?.policy
      ? stale.policy.revalidationHeaders({ url: request.url, method: 'GET', headers: base })
      : base;
    let response: OriginResponse;
    try {
      response = await origin(headers);
    } catch (error) {
      const answer = isUpstreamFailure(error) && this.#staleOnError(stale, request, undefined);
      if (answer) return { answer, outcome: { error } };
      throw error;
    }
    if (response.status >= 500 && stale) {
      const answer = this.#staleOnError(stale, request, response.status);
      if (answer) return { answer, outcome: {} };
    }
    if (stale?.policy && response.status === 304) {
      const { policy, modified } = stale.policy.revalidatedPolicy(
        { url: request.url, method: 'GET', headers: policyHeaders(base, stale.vary) },
        // A 304 without Age is new: the stored Age must not carry over (RFC 9111 §4.3.4).
        { status: response.status, headers: { age: '0', ...response.headers } },
      );
      if (!modified) {
        const page = stale.revalidated(policy, response.headers);
        this.#store.set(key, page);
        const status = forwardStatus(reason, { status: 304, stored: true, ttl: ttlOf(page) });
        return { answer: this.#answer(page, request, status, 'revalidated'), outcome: { page } };
      }
    }
    const page = this.#storable(request, response);
    if (page) {
      this.#passUntil.delete(request.url);
      const status = forwardStatus(reason, {
        status: response.status,
        stored: true,
        ttl: ttlOf(page),
      });
      return { answer: this.#answer(page, request, status, 'miss'), outcome: { page } };
    }
    if (request.headers['authorization'] === undefined) this.#markPass(request.url);
    if (stale) this.#store.delete(key);
    return {
      answer: passAnswer(
        request.method,
        response,
        forwardStatus(reason, { status: response.status }),
      ),
      outcome: {},
    };
  }

  /** Stores `response` when RFC 9111 §3 and our own rules allow; returns the stored page. */
  #storable(request: CacheRequest, response: OriginResponse): StoredPage | undefined {
    if (request.method !== 'GET') return undefined;
    // Set-Cookie is never stored, and a response carrying one is likely meant for one person.
    if (response.headers['set-cookie'] !== undefined) return undefined;
    if (response.body.length > this.#maxPageBytes) return undefined;
    const vary = varyFields(response.headers['vary']);
    if (vary === '*') return undefined;
    const policy = new CachePolicy(
      { url: request.url, method: 'GET', headers: policyHeaders(request.headers, vary, true) },
      { status: response.status, headers: response.headers },
      { shared: true },
    );
    if (!policy.storable()) return undefined;
    const hasValidator =
      response.headers['etag'] !== undefined || response.headers['last-modified'] !== undefined;
    // A page that is stale at once and cannot be validated would never be used.
    if (policy.timeToLive() <= 0 && !hasValidator) return undefined;
    if (vary.length === 0) {
      const page = StoredPage.fromResponse(request.url, response, policy, []);
      this.#store.set(request.url, page);
      return page;
    }
    const key = variantKey(request.url, vary, request.headers);
    const page = StoredPage.fromResponse(key, response, policy, [URL_TAG + request.url]);
    this.#store.set(request.url, StoredPage.varyMarker(request.url, vary));
    this.#store.set(key, page);
    return page;
  }

  /** A stale page within its stale-if-error window (RFC 5861 §4), answered instead of an error. */
  #staleOnError(
    page: StoredPage | undefined,
    request: CacheRequest,
    status: number | undefined,
  ): CacheAnswer | undefined {
    if (!page?.policy || page.neverStale) return undefined;
    const staleFor = page.policy.age() - page.policy.maxAge();
    if (staleFor >= page.staleIfError) return undefined;
    const cacheStatus = forwardStatus('stale', {
      status,
      ttl: ttlOf(page),
      detail: 'stale-if-error',
    });
    return this.#answer(page, request, cacheStatus, 'stale');
  }

  #revalidateInBackground(
    key: string,
    page: StoredPage,
    request: CacheRequest,
    origin: Origin,
  ): void {
    if (this.#inflight.has(key)) return;
    const outcome = this.#fetch(key, request, origin, page, 'stale').then(
      (result) => result.outcome,
      (error: unknown) => {
        this.#log.debug({ err: error, url: request.url }, 'background revalidation failed');
        return { error };
      },
    );
    this.#inflight.set(key, outcome);
    void outcome.finally(() => {
      if (this.#inflight.get(key) === outcome) this.#inflight.delete(key);
    });
  }

  /** Passes a request through uncached; `detail` says why when the reason alone does not. */
  async #pass(
    request: CacheRequest,
    origin: Origin,
    reason: string,
    detail?: string,
  ): Promise<CacheAnswer> {
    const response = await origin(without(request.headers, ['host']));
    return passAnswer(
      request.method,
      response,
      forwardStatus(reason, { status: response.status, detail }),
    );
  }

  /** Forwards an unsafe method; a success invalidates the URL and its Location (RFC 9111 §4.4). */
  async #unsafe(request: CacheRequest, origin: Origin): Promise<CacheAnswer> {
    const response = await origin(without(request.headers, ['host']));
    if (UNSAFE.has(request.method) && response.status >= 200 && response.status < 400) {
      this.purgeUrl(request.url);
      for (const field of ['location', 'content-location']) {
        const target = response.headers[field];
        if (typeof target === 'string' && target.startsWith('/') && !target.startsWith('//')) {
          this.purgeUrl(target);
        }
      }
    }
    return passAnswer(
      request.method,
      response,
      forwardStatus('method', { status: response.status }),
    );
  }

  #answer(
    page: StoredPage,
    request: CacheRequest,
    cacheStatus: string,
    outcome: CacheOutcome,
  ): CacheAnswer {
    const { headers } = request;
    if (
      page.status === 200 &&
      (headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined) &&
      notModified(headers, page)
    ) {
      return {
        status: 304,
        headers: page.notModifiedList,
        body: EMPTY,
        age: page.age(),
        cacheStatus,
        outcome,
      };
    }
    return {
      status: page.status,
      headers: page.headerList,
      body: page.body,
      age: page.age(),
      cacheStatus,
      outcome,
    };
  }

  #hitStatus(page: StoredPage, detail?: string): string {
    return hitStatus(ttlOf(page), detail);
  }

  #passing(url: string): boolean {
    const until = this.#passUntil.get(url);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.#passUntil.delete(url);
    return false;
  }

  #markPass(url: string): void {
    this.#passUntil.delete(url);
    this.#passUntil.set(url, Date.now() + this.#passMs);
    if (this.#passUntil.size > MAX_PASS_ENTRIES) {
      for (const [oldest] of this.#passUntil) {
        this.#passUntil.delete(oldest);
        if (this.#passUntil.size <= MAX_PASS_ENTRIES / 2) break;
      }
    }
  }
}

/** Seconds of freshness left; negative when stale (RFC 9211 §2.4). */
function ttlOf(page: StoredPage): number {
  return page.policy ? Math.floor(page.policy.maxAge() - page.policy.age()) : 0;
}

/**
 * Errors that say the origin is unreachable or failing for everyone, not just one client: a
 * 502/503/504 from the balancer, or anything untyped. A throttled request (429) is not one.
 */
function isUpstreamFailure(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status !== 'number' || status === 502 || status === 503 || status === 504;
}
