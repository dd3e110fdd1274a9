import CachePolicy from 'http-cache-semantics';
import { HOP_BY_HOP, type Headers } from '../balancer/index.js';
import { hitStatus } from './cache-status.js';

export type { Headers };

/** What the disk store keeps of a page: plain data, so it survives a restart. */
export interface PageRecord {
  readonly format: 1;
  /** The URL (path and query) the page answers, so a hashed disk key can be checked. */
  readonly key: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  readonly tags: readonly string[];
  /** http-cache-semantics' own serialisation of the caching rules of this response. */
  readonly policy: CachePolicy.CachePolicyObject | undefined;
  /** Set on a Vary marker: the request fields whose values select the variant. */
  readonly varyOn: readonly string[] | undefined;
}

/**
 * Fields never kept with a stored page: hop-by-hop fields (RFC 9110 §7.6.1), `Date` and `Age`
 * (sent fresh with each answer, RFC 9111 §5.1), `Set-Cookie` (responses carrying one are not
 * stored at all), the app's `X-Request-Id` for the request that filled the cache, and
 * `Surrogate-Key`, which becomes the page's tags and is not shown to browsers.
 */
const NOT_STORED = new Set([
  ...HOP_BY_HOP,
  'date',
  'age',
  'set-cookie',
  'x-request-id',
  'surrogate-key',
  'content-length',
]);

/** RFC 9110 §15.4.5: the fields a 304 carries (Last-Modified too, for caches without an ETag). */
const NOT_MODIFIED_FIELDS = new Set([
  'cache-control',
  'content-location',
  'etag',
  'expires',
  'vary',
  'last-modified',
]);

/** Bytes counted per page beyond its body and header text: objects, map slots, the key. */
const OVERHEAD_BYTES = 512;

/**
 * One stored response (or a Vary marker), with what the hot path needs precomputed: its header
 * list ready for `writeHead`, when it stops being fresh, and its validators.
 */
export class StoredPage {
  readonly key: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly tags: readonly string[];
  readonly policy: CachePolicy | undefined;
  readonly varyOn: readonly string[] | undefined;
  /** The request fields this response varies on (its `Vary`), lower-case. */
  readonly vary: readonly string[];
  /** `[name, value, …]` for `writeHead`, with `Content-Length`; without `Date` and `Age`. */
  readonly headerList: readonly string[];
  /** The same for a 304 answer from the cache. */
  readonly notModifiedList: readonly string[];
  /** Wall-clock ms after which the page is stale (for the fast path; the policy decides). */
  readonly freshUntil: number;
  /**
   * True when only freshness matters for reuse (no Vary, no must-revalidate): a request
   * without Cache-Control or Pragma may then be answered without asking the policy.
   */
  readonly simple: boolean;
  readonly etag: string | undefined;
  readonly lastModified: number | undefined;
  /** Seconds past freshness the page may still be served when the origin fails (RFC 5861 §4). */
  readonly staleIfError: number;
  /** True when the page must never be served stale (must-revalidate, proxy-revalidate; RFC 9111 §5.2.2.2, §5.2.2.8). */
  readonly neverStale: boolean;
  readonly bytes: number;
  /** Wall-clock ms at which the page's age was 0: the policy's age, without asking it per hit. */
  readonly #bornAt: number;
  /** The Age and ttl that `#hitLists` were built for: they change only with the clock. */
  #hitAge = -1;
  #hitTtl = 0;
  /** `hitFields()` lists by their number of free pairs. */
  readonly #hitLists: (string[] | undefined)[] = [];

  private constructor(
    record: Omit<PageRecord, 'format' | 'policy'>,
    policy: CachePolicy | undefined,
  ) {
    this.key = record.key;
    this.status = record.status;
    this.headers = record.headers;
    this.body = Buffer.isBuffer(record.body)
      ? record.body
      : Buffer.from(record.body.buffer, record.body.byteOffset, record.body.byteLength);
    this.tags = record.tags;
    this.policy = policy;
    this.varyOn = record.varyOn;
    this.vary = (record.headers['vary'] ?? '')
      .split(',')
      .map((field) => field.trim().toLowerCase())
      .filter(Boolean);
    const list: string[] = [];
    const notModified: string[] = [];
    let headerBytes = 0;
    for (const [name, value] of Object.entries(record.headers)) {
      list.push(name, value);
      if (NOT_MODIFIED_FIELDS.has(name)) notModified.push(name, value);
      headerBytes += name.length + value.length + 4;
    }
    list.push('content-length', String(this.body.length));
    this.headerList = list;
    this.notModifiedList = notModified;
    const directives = cacheControl(record.headers['cache-control']);
    this.staleIfError = Math.max(
      0,
      Number.parseInt(directives.get('stale-if-error') ?? '0', 10) || 0,
    );
    this.neverStale = directives.has('must-revalidate') || directives.has('proxy-revalidate');
    this.simple =
      policy !== undefined &&
      record.headers['vary'] === undefined &&
      !this.neverStale &&
      !directives.has('no-cache');
    const now = Date.now();
    // http-cache-semantics' age() is the Age header plus the time since the response came,
    // so it grows with the clock from here: both ends are fixed once.
    this.#bornAt = policy ? now - policy.age() * 1000 : now;
    this.freshUntil = policy ? now + (policy.maxAge() - policy.age()) * 1000 : 0;
    this.etag = record.headers['etag'];
    const lastModified = Date.parse(record.headers['last-modified'] ?? '');
    this.lastModified = Number.isNaN(lastModified) ? undefined : lastModified;
    this.bytes = this.body.length + headerBytes + record.key.length * 2 + OVERHEAD_BYTES;
  }

  /** A page from an origin response the policy found storable; `tags` adds to its surrogate keys. */
  static fromResponse(
    key: string,
    response: { status: number; headers: Headers; body: Buffer },
    policy: CachePolicy,
    tags: readonly string[],
  ): StoredPage {
    return new StoredPage(
      {
        key,
        status: response.status,
        headers: storedHeaders(response.headers),
        body: response.body,
        tags: [...surrogateKeys(response.headers['surrogate-key']), ...tags],
        varyOn: undefined,
      },
      policy,
    );
  }

  /** The Vary marker stored at a URL whose responses vary on `fields` (RFC 9111 §4.1). */
  static varyMarker(key: string, fields: readonly string[]): StoredPage {
    return new StoredPage(
      { key, status: 0, headers: {}, body: Buffer.alloc(0), tags: [], varyOn: fields },
      undefined,
    );
  }

  /** This page after a 304 from the origin: the updated policy and header fields, the same body. */
  revalidated(policy: CachePolicy, update: Headers): StoredPage {
    const headers = { ...this.headers };
    for (const [name, value] of Object.entries(storedHeaders(update))) {
      // RFC 9111 §3.2: a 304 updates the stored fields, except those describing the body.
      if (name !== 'content-encoding' && name !== 'content-range') headers[name] = value;
    }
    const tags = update['surrogate-key'] ? surrogateKeys(update['surrogate-key']) : this.tags;
    return new StoredPage(
      { key: this.key, status: this.status, headers, body: this.body, tags, varyOn: undefined },
      policy,
    );
  }

  static fromRecord(record: PageRecord): StoredPage {
    const policy = record.policy ? CachePolicy.fromObject(record.policy) : undefined;
    return new StoredPage(record, policy);
  }

  toRecord(): PageRecord {
    return {
      format: 1,
      key: this.key,
      status: this.status,
      headers: this.headers,
      body: this.body,
      tags: this.tags,
      policy: this.policy?.toObject(),
      varyOn: this.varyOn,
    };
  }

  /**
   * The fields of a fresh hit at `now`, for writeHead: the stored ones, `Age`, a `Cache-Status`
   * hit with its ttl, then `free` name/value pairs for the caller to fill. One list serves every
   * hit in the same second (its values change only with the clock), so a hit allocates none:
   * fill the free pairs, then hand the list to writeHead, which reads it at once.
   */
  hitFields(now: number, free: number): string[] {
    const age = Math.floor((now - this.#bornAt) / 1000);
    const ttl = Math.floor((this.freshUntil - now) / 1000);
    if (age !== this.#hitAge || ttl !== this.#hitTtl) {
      this.#hitAge = age;
      this.#hitTtl = ttl;
      this.#hitLists.length = 0;
    }
    let list = this.#hitLists[free];
    if (list === undefined) {
      list = [...this.headerList, 'age', String(age), 'cache-status', hitStatus(ttl)];
      for (let i = 0; i < free; i++) list.push('', '');
      this.#hitLists[free] = list;
    }
    return list;
  }

  /** Seconds since the origin produced this response (RFC 9111 §4.2.3), as sent in `Age`. */
  age(): number {
    return this.policy ? Math.floor((Date.now() - this.#bornAt) / 1000) : 0;
  }
}

/** The response fields kept with a page, one string per name (RFC 9110 §5.3 combines lists with commas). */
function storedHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  const nominated = new Set<string>();
  for (const value of [headers['connection']].flat()) {
    for (const name of value?.split(',') ?? []) nominated.add(name.trim().toLowerCase());
  }
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (value === undefined || NOT_STORED.has(name) || nominated.has(name)) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

/** The tags of a `Surrogate-Key` header: space-separated keys such as `p123 c45`. */
export function surrogateKeys(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const text = Array.isArray(header) ? header.join(' ') : header;
  return [...new Set(text.split(/\s+/).filter(Boolean))];
}

/** Cache-Control directives by lower-case name, with their (unquoted) argument when given. */
export function cacheControl(header: string | string[] | undefined): Map<string, string> {
  const directives = new Map<string, string>();
  if (header === undefined) return directives;
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const eq = part.indexOf('=');
    const name = (eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (name)
      directives.set(
        name,
        eq === -1
          ? ''
          : part
              .slice(eq + 1)
              .trim()
              .replace(/^"|"$/g, ''),
      );
  }
  return directives;
}
