import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '../shared/index.js';
import type { AppResponse, RequestContext } from '../framework/index.js';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Static assets may be cached an hour; a changed file gets a new ETag. */
const ASSET_MAX_AGE = 3600;

interface Asset {
  readonly body: Buffer;
  readonly etag: string;
  readonly lastModified: string;
  readonly mtimeMs: number;
}

/**
 * Serves `public/` under `/static/` with ETag, Last-Modified and 304s, from memory. The proxy tier
 * serves these itself in front of the app; this keeps a lone app server complete.
 */
export class StaticAssets {
  readonly #root: string;
  readonly #assets = new Map<string, Asset>();

  constructor(root: string) {
    this.#root = path.resolve(root);
  }

  serve(context: RequestContext<unknown>): AppResponse {
    const relative = context.params['*'] ?? '';
    const file = path.resolve(this.#root, relative);
    const type = TYPES[path.extname(file)];
    if (!file.startsWith(this.#root + path.sep) || type === undefined)
      throw new NotFoundError('No such file.');
    const asset = this.#load(file);
    const headers = {
      'content-type': type,
      etag: asset.etag,
      'last-modified': asset.lastModified,
      'cache-control': `public, max-age=${ASSET_MAX_AGE}`,
      'x-content-type-options': 'nosniff',
    };
    const inm = context.request.headers['if-none-match'];
    const ims = context.request.headers['if-modified-since'];
    const notModified =
      inm !== undefined
        ? inm.split(',').some((tag) => tag.trim() === asset.etag || tag.trim() === '*')
        : ims === asset.lastModified;
    return notModified
      ? { status: 304, headers, body: '' }
      : { status: 200, headers, body: asset.body };
  }

  #load(file: string): Asset {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) throw new NotFoundError('No such file.');
    const cached = this.#assets.get(file);
    if (cached?.mtimeMs === stat.mtimeMs) return cached;
    const body = fs.readFileSync(file);
    const asset = {
      body,
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`,
      lastModified: stat.mtime.toUTCString(),
      mtimeMs: stat.mtimeMs,
    };
    this.#assets.set(file, asset);
    return asset;
  }
}
