import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseRange } from './byte-range.js';
import { contentType } from './content-types.js';

export interface StaticFilesOptions {
  /** The folder served, e.g. the project's `public/`. */
  readonly root: string;
  /** URL prefix mapped onto `root`. Default `/static/`. */
  readonly prefix?: string;
  /** Exact paths served from a file of `root`: the first that exists wins. */
  readonly aliases?: Readonly<Record<string, readonly string[]>>;
  /** `Cache-Control: public, max-age=N` for browsers and CDNs. Default 3,600 s. */
  readonly maxAgeSeconds?: number;
  /** Files up to this size are kept in memory. Default 1 MiB. */
  readonly maxMemoryFileBytes?: number;
}

/** What is known of one file: checked against the disk at most once a second. */
interface FileInfo {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly etag: string;
  readonly lastModified: string;
  readonly type: string;
  /** The bytes, when small enough to keep. */
  readonly body: Buffer | undefined;
  checkedAt: number;
}

/** How long a file's stat is trusted before the disk is asked again. */
const RECHECK_MS = 1000;
/** Most files whose stat is remembered. */
const MAX_KNOWN_FILES = 10_000;

/**
 * Serves a folder of static files (the paper's proxies served every image themselves): ETag
 * and Last-Modified, 304 to conditional requests, single byte ranges (206/416), HEAD. Small
 * files come from memory. Anything outside the folder, hidden, or unknown is a 404.
 */
export class StaticFiles {
  readonly #root: string;
  readonly #prefix: string;
  readonly #aliases: ReadonlyMap<string, readonly string[]>;
  readonly #cacheControl: string;
  readonly #maxMemoryFileBytes: number;
  readonly #known = new Map<string, FileInfo>();
  #realRoot: string | undefined;

  constructor(options: StaticFilesOptions) {
    this.#root = path.resolve(options.root);
    this.#prefix = options.prefix ?? '/static/';
    if (!this.#prefix.startsWith('/') || !this.#prefix.endsWith('/')) {
      throw new TypeError(`options.prefix must start and end with / (got '${this.#prefix}')`);
    }
    this.#aliases = new Map(Object.entries(options.aliases ?? {}));
    this.#cacheControl = `public, max-age=${options.maxAgeSeconds ?? 3600}`;
    this.#maxMemoryFileBytes = options.maxMemoryFileBytes ?? 1024 * 1024;
  }

  /** True when `pathname` (no query) belongs to the static files, found or not. */
  matches(pathname: string): boolean {
    return pathname.startsWith(this.#prefix) || this.#aliases.has(pathname);
  }

  /** Answers a request whose path `matches`; `extra` is `[name, value, …]` added to every answer. */
  async serve(req: IncomingMessage, res: ServerResponse, extra: readonly string[]): Promise<void> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      send(
        res,
        405,
        [...extra, 'allow', 'GET, HEAD', 'content-type', 'text/plain; charset=utf-8'],
        'Method not allowed\n',
        method,
      );
      return;
    }
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    const info = this.#find(pathname);
    if (!info) {
      send(
        res,
        404,
        [
          ...extra,
          'content-type',
          'text/plain; charset=utf-8',
          'cache-control',
          'public, max-age=60',
        ],
        'Not found\n',
        method,
      );
      return;
    }
    const headers = [
      ...extra,
      'content-type',
      info.type,
      'etag',
      info.etag,
      'last-modified',
      info.lastModified,
      'cache-control',
      this.#cacheControl,
      'accept-ranges',
      'bytes',
    ];
    if (isNotModified(req, info)) {
      res.writeHead(304, headers).end();
      return;
    }
    const rangeHeader = req.headers.range;
    const range =
      method === 'GET' && rangeHeader !== undefined && ifRangeHolds(req, info)
        ? parseRange(rangeHeader, info.size)
        : undefined;
    if (range === 'unsatisfiable') {
      send(res, 416, [...headers, 'content-range', `bytes */${info.size}`], '', method);
      return;
    }
    const start = range?.start ?? 0;
    const end = range?.end ?? info.size - 1;
    const length = Math.max(0, end - start + 1);
    if (range) headers.push('content-range', `bytes ${start}-${end}/${info.size}`);
    headers.push('content-length', String(length));
    res.writeHead(range ? 206 : 200, headers);
    if (method === 'HEAD' || length === 0) {
      res.end();
    } else if (info.body) {
      res.end(info.body.subarray(start, end + 1));
    } else {
      await pipeline(fs.createReadStream(info.file, { start, end }), res).catch(() =>
        res.destroy(),
      );
    }
  }

  /** The file a path names, or undefined when there is none it may serve. */
  #find(pathname: string): FileInfo | undefined {
    const candidates = this.#aliases.get(pathname) ?? [pathname.slice(this.#prefix.length)];
    for (const candidate of candidates) {
      const info = this.#stat(candidate);
      if (info) return info;
    }
    return undefined;
  }

  #stat(relative: string): FileInfo | undefined {
    const now = Date.now();
    const known = this.#known.get(relative);
    if (known !== undefined && now - known.checkedAt < RECHECK_MS) return known;
    const file = this.#resolve(relative);
    let info: FileInfo | undefined;
    if (file) {
      try {
        const stat = fs.statSync(file);
        if (stat.isFile()) {
          if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) {
            known.checkedAt = now;
            return known;
          }
          info = {
            file,
            size: stat.size,
            mtimeMs: stat.mtimeMs,
            // nginx's form: mtime and size in hex. Strong, since a rewrite changes the mtime.
            etag: `"${Math.floor(stat.mtimeMs / 1000).toString(16)}-${stat.size.toString(16)}"`,
            lastModified: new Date(Math.floor(stat.mtimeMs / 1000) * 1000).toUTCString(),
            type: contentType(file),
            body: stat.size <= this.#maxMemoryFileBytes ? fs.readFileSync(file) : undefined,
            checkedAt: now,
          };
        }
      } catch {
        info = undefined;
      }
    }
    if (this.#known.size >= MAX_KNOWN_FILES) this.#known.clear();
    // Absent paths are not remembered: a scan of random names must not fill the map.
    if (info) this.#known.set(relative, info);
    else this.#known.delete(relative);
    return info;
  }

  /**
   * The file under the root that `relative` (still percent-encoded) names, or undefined when it
   * is malformed, climbs out of the root (`..`, encoded or not, or a symbolic link), or names a
   * hidden file.
   */
  #resolve(relative: string): string | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(relative);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
    const segments = decoded.split('/');
    if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return undefined;
    const file = path.join(this.#root, ...segments);
    if (!file.startsWith(this.#root + path.sep)) return undefined;
    try {
      this.#realRoot ??= fs.realpathSync(this.#root);
      const real = fs.realpathSync(file);
      return real.startsWith(this.#realRoot + path.sep) ? real : undefined;
    } catch {
      return undefined;
    }
  }
}

function send(
  res: ServerResponse,
  status: number,
  headers: string[],
  body: string,
  method: string,
): void {
  headers.push('content-length', String(Buffer.byteLength(body)));
  res.writeHead(status, headers).end(method === 'HEAD' ? undefined : body);
}

/** RFC 9110 §13.2.2: If-None-Match (weak comparison) decides when present, else If-Modified-Since. */
function isNotModified(req: IncomingMessage, info: FileInfo): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === info.etag);
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && Math.floor(info.mtimeMs / 1000) * 1000 <= since;
}

/** RFC 9110 §13.1.5: a Range applies only if If-Range, when sent, still names this version. */
function ifRangeHolds(req: IncomingMessage, info: FileInfo): boolean {
  const ifRange = req.headers['if-range'];
  if (ifRange === undefined) return true;
  if (typeof ifRange !== 'string') return false;
  if (ifRange.startsWith('"')) return ifRange === info.etag;
  return Date.parse(ifRange) === Math.floor(info.mtimeMs / 1000) * 1000;
}
