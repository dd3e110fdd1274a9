import type http from 'node:http';
import type { Logger } from '../../shared/index.js';
import { AdminForbiddenError } from '../errors.js';
import { AdminAccess } from '../http-guard/index.js';
import { ownAnswerFields } from '../own-answer.js';
import { surrogateKeys, type PageCache } from '../page-cache/index.js';

/** Paths the proxy answers itself, for an authorised client only (DESIGN.md §2, Operations). */
export const OPERATIONS_PATHS: ReadonlySet<string> = new Set([
  '/__health',
  '/__status',
  '/__status.js',
  '/__status.css',
  '/__metrics',
]);

/** The operations pages (/__status, /__metrics): true when they answered the request. */
export interface OperationsPages {
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean;
}

/**
 * The proxy's own answers to PURGE and the OPERATIONS_PATHS: 403 unless the client is on
 * loopback or sends the admin token; `/__health` here, `/__status` and `/__metrics` through
 * the operations pages, 404 for anything they do not know.
 */
export class OperationsEndpoint {
  readonly #log: Logger;
  readonly #admin: AdminAccess;
  readonly #upstream: { readonly healthyCount: number };
  readonly #cache: PageCache;
  readonly #pages: OperationsPages | undefined;
  readonly #hsts: string | undefined;

  constructor(options: {
    log: Logger;
    adminToken: string | undefined;
    upstream: { readonly healthyCount: number };
    cache: PageCache;
    pages: OperationsPages | undefined;
    /** The Strict-Transport-Security value, when the proxy serves HTTPS. */
    hsts: string | undefined;
  }) {
    this.#log = options.log;
    this.#admin = new AdminAccess(options.adminToken);
    this.#upstream = options.upstream;
    this.#cache = options.cache;
    this.#pages = options.pages;
    this.#hsts = options.hsts;
  }

  /** Answers a PURGE or a request for one of the OPERATIONS_PATHS (`pathname`). */
  answer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
    requestId: string,
  ): void {
    if (!this.#admin.allows(req)) {
      const error = new AdminForbiddenError();
      this.#json(res, req, 403, { error: error.code, message: error.message }, requestId);
    } else if (req.method === 'PURGE') {
      this.#purge(req, res, requestId);
    } else if (pathname === '/__health') {
      // 200 while at least one app server is in rotation: the site can serve.
      const healthy = this.#upstream.healthyCount;
      const status = healthy > 0 ? 200 : 503;
      this.#json(
        res,
        req,
        status,
        { status: healthy > 0 ? 'ok' : 'unavailable', healthyUpstreams: healthy },
        requestId,
      );
    } else if (!this.#pages?.handle(req, res)) {
      this.#json(res, req, 404, { error: 'YT_ERR_NOT_FOUND', message: 'Not found' }, requestId);
    }
  }

  /**
   * `PURGE <path>` drops that page (every variant); with a `Surrogate-Key: p123 c45` header it
   * drops every page tagged with one of those keys instead, whatever the path.
   */
  #purge(req: http.IncomingMessage, res: http.ServerResponse, requestId: string): void {
    req.resume();
    const keys = surrogateKeys(req.headers['surrogate-key']);
    if (keys.length > 0) {
      const purged = this.#cache.purgeTags(keys);
      this.#log.info({ reqId: requestId, keys, purged }, 'purged by surrogate key');
      this.#json(res, req, 200, { purged, keys }, requestId);
      return;
    }
    const target = purgeTarget(req.url ?? '/');
    const purged = this.#cache.purgeUrl(target);
    this.#log.info({ reqId: requestId, url: target, purged }, 'purged by URL');
    this.#json(res, req, 200, { purged, url: target }, requestId);
  }

  #json(
    res: http.ServerResponse,
    req: http.IncomingMessage,
    status: number,
    value: unknown,
    requestId: string,
  ): void {
    const body = Buffer.from(`${JSON.stringify(value)}\n`);
    // The fields every proxy answer carries; an operations answer never issues a session.
    const headers = ['x-request-id', requestId];
    if (this.#hsts !== undefined) headers.push('strict-transport-security', this.#hsts);
    headers.push(
      ...ownAnswerFields('application/json', body, { reason: 'bypass', detail: 'operations' }),
    );
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

/** The path and query a PURGE names, from origin-form (`/p/1`) or absolute-form (`http://host/p/1`). */
function purgeTarget(url: string): string {
  if (url.startsWith('/')) return url;
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}
