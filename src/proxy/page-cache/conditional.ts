import type { Headers } from './stored-page.js';

/** The validators of a stored response, as `StoredPage` keeps them. */
interface Validators {
  readonly etag: string | undefined;
  readonly lastModified: number | undefined;
}

/**
 * True when a client's conditional GET or HEAD may be answered 304 from `page` (RFC 9110
 * §13.2.2): If-None-Match decides when present, with the weak comparison of §8.8.3.2;
 * otherwise If-Modified-Since against Last-Modified.
 */
export function notModified(headers: Headers, page: Validators): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (page.etag === undefined) return false;
    const list = Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch;
    if (list.trim() === '*') return true;
    const ours = opaqueTag(page.etag);
    return list.split(',').some((tag) => opaqueTag(tag.trim()) === ours);
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (typeof ifModifiedSince === 'string' && page.lastModified !== undefined) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && page.lastModified <= since;
  }
  return false;
}

function opaqueTag(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
