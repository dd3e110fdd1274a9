import { Pool } from 'undici';
import { BadRequestError } from '../shared/index.js';
import type { Facets, SearchRequest, SearchSort, Suggestion } from './engine/index.js';
import { SearchUnavailableError } from './errors.js';
import { searchQueryString } from './search-params.js';

/** What the daemon answers. */
export interface SearchAnswer {
  readonly total: number;
  readonly ids: readonly number[];
  readonly facets: Facets;
  readonly suggestions: readonly Suggestion[];
  readonly sort: SearchSort;
  readonly page: number;
  readonly perPage: number;
  readonly tookMs: number;
}

export interface SearchClientOptions {
  /** A search answers or fails within this (default 800 ms, so a page still renders within 1 s). */
  readonly timeoutMs?: number;
  /** Keep-alive connections to the daemon (default 16). */
  readonly connections?: number;
  /** After a failure, searches fail at once for this long (default 1000 ms) instead of each waiting out the timeout. */
  readonly coolDownMs?: number;
}

/**
 * The app tier's one way to the search daemon (the paper's Perl module): a pool of keep-alive
 * connections, a deadline on every search, and a short cool-down after a failure so a hung daemon
 * costs one timeout, not one per page. Failures are `SearchUnavailableError`.
 */
export class SearchClient {
  readonly url: string;
  readonly #pool: Pool;
  readonly #timeoutMs: number;
  readonly #coolDownMs: number;
  #downUntil = 0;

  constructor(url: string, options: SearchClientOptions = {}) {
    const timeoutMs = options.timeoutMs ?? 800;
    const connections = options.connections ?? 16;
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) {
      throw new RangeError(`options.timeoutMs must be a positive integer (got ${timeoutMs})`);
    }
    if (!Number.isSafeInteger(connections) || connections < 1) {
      throw new RangeError(`options.connections must be a positive integer (got ${connections})`);
    }
    this.url = url;
    this.#timeoutMs = timeoutMs;
    this.#coolDownMs = options.coolDownMs ?? 1000;
    this.#pool = new Pool(url, {
      connections,
      pipelining: 1,
      connectTimeout: timeoutMs,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      // Below the daemon's 65 s keep-alive, so the pool never reuses a socket being closed.
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 60_000,
    });
  }

  /** One page of results for `request`; `requestId` is forwarded for the logs. */
  async search(request: SearchRequest, requestId?: string): Promise<SearchAnswer> {
    if (Date.now() < this.#downUntil)
      throw new SearchUnavailableError('search is cooling down after a failure');
    let status: number;
    let text: string;
    try {
      const response = await this.#pool.request({
        method: 'GET',
        path: `/search?${searchQueryString(request)}`,
        headers: requestId === undefined ? {} : { 'x-request-id': requestId },
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      this.#downUntil = Date.now() + this.#coolDownMs;
      throw new SearchUnavailableError('the search daemon did not answer in time', {
        cause: error,
      });
    }
    if (status === 400)
      throw new BadRequestError(errorOf(text) ?? 'The search could not be understood.');
    if (status !== 200) {
      this.#downUntil = Date.now() + this.#coolDownMs;
      throw new SearchUnavailableError(`the search daemon answered ${status}`);
    }
    const body = JSON.parse(text) as Omit<SearchAnswer, 'perPage' | 'tookMs'> & {
      per_page: number;
      took_ms: number;
    };
    return {
      total: body.total,
      ids: body.ids,
      facets: body.facets,
      suggestions: body.suggestions,
      sort: body.sort,
      page: body.page,
      perPage: body.per_page,
      tookMs: body.took_ms,
    };
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

function errorOf(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    return typeof parsed.error === 'string' ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}
