import type { Logger } from '../../shared/index.js';
import { Freshness } from '../model/freshness.js';
import type { Views } from '../view/views.js';
import type { AppRequest, AppResponse } from './exchange.js';

/** How a response may be cached: by shared caches for as long as its data stays fresh, or never. */
export type CachePolicy = 'public' | 'private';

/** Headers every HTML page carries (the paper's "don't trust the client" at the browser). */
export const HTML_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/**
 * What one request reuses from start to finish (the paper's `$r->pnotes()`): the request, its
 * logger, the application's services, and the record of data used, from which `render` derives
 * the page's caching headers.
 */
export class RequestContext<Services> {
  readonly request: AppRequest;
  readonly params: Readonly<Record<string, string | undefined>>;
  readonly log: Logger;
  readonly services: Services;
  readonly freshness = new Freshness();
  /** The site section whose templates render this page (`default` outside any section). */
  section = 'default';
  readonly #views: Views;
  readonly #defaultMaxAge: number;

  constructor(init: {
    request: AppRequest;
    params: Readonly<Record<string, string | undefined>>;
    log: Logger;
    services: Services;
    views: Views;
    defaultMaxAge: number;
  }) {
    this.request = init.request;
    this.params = init.params;
    this.log = init.log;
    this.services = init.services;
    this.#views = init.views;
    this.#defaultMaxAge = init.defaultMaxAge;
  }

  get query(): URLSearchParams {
    return this.request.query;
  }

  /** Renders a template into an HTML response with caching headers derived from the data used. */
  render(template: string, data: object, cache: CachePolicy, status = 200): AppResponse {
    const body = this.#views.render(template, data, this.section);
    const headers: Record<string, string> = {
      'content-type': 'text/html; charset=utf-8',
      ...HTML_SECURITY_HEADERS,
      ...this.cacheHeaders(cache),
    };
    return { status, headers, body };
  }

  /** `Cache-Control`, `Last-Modified` and `Surrogate-Key` for this response. */
  cacheHeaders(cache: CachePolicy): Record<string, string> {
    if (cache === 'private') return { 'cache-control': 'private, no-store' };
    const headers: Record<string, string> = {
      'cache-control': `public, s-maxage=${this.freshness.maxAge(this.#defaultMaxAge)}`,
      'last-modified': new Date(this.freshness.lastModified || Date.now()).toUTCString(),
    };
    if (this.freshness.keys.size > 0) headers['surrogate-key'] = [...this.freshness.keys].join(' ');
    return headers;
  }

  /** A 303 to `location` (after a form post, or to a canonical address). */
  redirect(location: string, status = 303): AppResponse {
    return { status, headers: { location, 'cache-control': 'private, no-store' }, body: '' };
  }
}
