import type { CacheAnswer, OriginResponse } from './page-cache.js';

/** Response fields the proxy sets itself on every answer. */
const REPLACED_ON_PASS = new Set([
  'age',
  'date',
  'x-request-id',
  'surrogate-key',
  'content-length',
]);

/** An origin response passed through uncached, as a header list for `writeHead`. */
export function passAnswer(
  method: string,
  response: OriginResponse,
  cacheStatus: string,
): CacheAnswer {
  const list: string[] = [];
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined || REPLACED_ON_PASS.has(name)) continue;
    if (Array.isArray(value)) for (const item of value) list.push(name, item);
    else list.push(name, value);
  }
  const { status } = response;
  const length = response.headers['content-length'];
  if (method === 'HEAD' || status === 304 || status === 204 || status < 200) {
    // No body here: a HEAD or 304 keeps the length the origin announced for the full body.
    if (typeof length === 'string' && status !== 204 && status >= 200)
      list.push('content-length', length);
  } else {
    list.push('content-length', String(response.body.length));
  }
  const age = Number.parseInt(String(response.headers['age'] ?? '0'), 10);
  return {
    status,
    headers: list,
    body: response.body,
    age: Number.isFinite(age) && age > 0 ? age : 0,
    cacheStatus,
    outcome: 'pass',
  };
}
