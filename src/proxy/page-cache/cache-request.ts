import type CachePolicy from 'http-cache-semantics';
import type { Headers } from './stored-page.js';

// How the page cache reads a request: the key of the variant it asks for, and the fields the
// caching policy (http-cache-semantics) is shown.

/** Client fields the cache answers itself, or that would make the origin's answer partial. */
const CLIENT_CONDITIONALS = [
  'host',
  'if-none-match',
  'if-modified-since',
  'if-match',
  'if-unmodified-since',
  'if-range',
  'range',
];

/** The field names of a `Vary` header, lower-case; '*' when it varies on everything. */
export function varyFields(header: string | string[] | undefined): string[] | '*' {
  if (header === undefined) return [];
  const fields = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((field) => field.trim().toLowerCase())
    .filter(Boolean);
  return fields.includes('*') ? '*' : [...new Set(fields)].sort();
}

/** The store key of one variant: the URL, then each varying field's value (RFC 9111 §4.1). */
export function variantKey(url: string, fields: readonly string[], headers: Headers): string {
  let key = url;
  for (const field of fields) {
    const value = headers[field];
    key += `\n${field}:${Array.isArray(value) ? value.join(', ') : (value ?? '')}`;
  }
  return key;
}

/**
 * The request fields http-cache-semantics reads: Cache-Control and Pragma, the fields the
 * response varies on, and (only when deciding storability) whether there were credentials.
 * Only fields present are copied, since it tells an absent field from an empty one. `Host`
 * is left out: the key is the path and query, and the origin is asked with its own Host.
 */
export function policyHeaders(
  headers: Headers,
  vary: readonly string[] | undefined,
  withAuthorization = false,
): Headers {
  const picked: Headers = {};
  const names = ['cache-control', 'pragma', ...(vary ?? [])];
  if (withAuthorization) names.push('authorization');
  for (const name of names) if (headers[name] !== undefined) picked[name] = headers[name];
  return picked;
}

export function policyRequest(
  url: string,
  headers: Headers,
  vary: readonly string[],
): CachePolicy.Request {
  return { url, method: 'GET', headers: policyHeaders(headers, vary) };
}

export function withoutClientConditionals(headers: Headers): Headers {
  return without(headers, CLIENT_CONDITIONALS);
}

export function without(headers: Headers, names: readonly string[]): Headers {
  const copy: Headers = { ...headers };
  for (const name of names) delete copy[name];
  return copy;
}
