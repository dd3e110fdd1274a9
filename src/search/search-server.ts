import { timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { BadRequestError, type Logger } from '../shared/index.js';
import { AppServer, type AppRequest, type AppResponse } from '../framework/index.js';
import type { Database } from '../db/index.js';
import type { BaseIndex } from './engine/index.js';
import { RebuildProcess, buildOnThread } from './build-thread.js';
import { CatalogFollower } from './catalog-follower.js';
import { loadTaxonomy } from './catalog-source.js';
import type { LoadedIndex } from './index-loader.js';
import { QueryThreads } from './query-threads.js';
import { searchParams } from './search-params.js';
import { SerialLock } from './serial-lock.js';

/** Searches queued beyond this are refused with a 503 rather than left to pile up. */
const MAX_INFLIGHT = 10_000;
/** How fast a rebuild writes its snapshot (see `writeSnapshot`): 177 MB at a million in 4 s. */
const REBUILD_WRITE_BYTES_PER_SECOND = 50 * 1024 * 1024;
/**
 * A rebuild rests as long as it works (see `BuildOptions.restShare`). At a million products under
 * half the daemon's capacity it took 51 s instead of 31, and the p99 of the queries answered
 * meanwhile was 1.19× that of the windows around it instead of 1.64× (docs/search.md).
 */
const REBUILD_REST_SHARE = 1;
const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

export interface SearchServerOptions {
  readonly database: Database;
  /** The same database, for the build thread to open its own connection. */
  readonly databaseUrl: string;
  /** Where the snapshot lives (`DATA_DIR/search/index.snapshot`). */
  readonly dataDir: string;
  /** Query threads: by default one per core. */
  readonly threads: number;
  readonly log: Logger;
  /** Allows `POST /__reindex` from other hosts; loopback is always allowed. */
  readonly adminToken?: string | undefined;
}

/** What a rebuild did. */
export interface ReindexReport {
  readonly products: number;
  readonly millis: number;
}

/**
 * The search daemon (the paper's C++ search servers): loads its index from a snapshot or builds it
 * from the database, keeps it current from the change feed, answers `GET /search` on query
 * threads that share one index, and rebuilds on `POST /__reindex` (`yuletide reindex`) on a
 * low-priority thread, swapping the new index in one query thread at a time.
 */
export class SearchServer {
  readonly #options: SearchServerOptions;
  readonly #log: Logger;
  readonly #lock = new SerialLock();
  readonly #threads: QueryThreads;
  readonly #http: AppServer;
  #follower: CatalogFollower | undefined;
  #index: BaseIndex | undefined;
  #reindexing: Promise<ReindexReport> | undefined;
  /** Stops a build still running when the daemon closes. */
  readonly #closing = new AbortController();
  readonly #rebuilder = new RebuildProcess();
  #reindexes = 0;
  #port: number | undefined;

  constructor(options: SearchServerOptions) {
    if (!Number.isSafeInteger(options.threads) || options.threads < 1) {
      throw new RangeError(`options.threads must be a positive integer (got ${options.threads})`);
    }
    this.#options = options;
    this.#log = options.log;
    this.#threads = new QueryThreads(options.threads, {
      log: options.log,
      replay: () => this.#follower!.replay(),
      exclusive: (work) => this.#lock.run(work),
    });
    this.#http = new AppServer((request) => this.handle(request), { log: options.log });
  }

  get snapshotFile(): string {
    return path.join(this.#options.dataDir, 'search', 'index.snapshot');
  }

  /** Loads (or builds) the index, starts the query threads and catches up with the change feed. */
  async start(): Promise<LoadedIndex> {
    const { database } = this.#options;
    // Before the index makes this process large (see RebuildProcess).
    await this.#rebuilder.start();
    const loaded = await this.#build();
    const taxonomy = await loadTaxonomy(database);
    this.#follower = new CatalogFollower({
      database,
      threads: this.#threads,
      lock: this.#lock,
      log: this.#log,
      taxonomy,
    });
    await this.#threads.load(loaded.index, taxonomy, { rows: [], removed: [] });
    this.#index = loaded.index;
    await this.#follower.start(loaded.index.meta.position);
    return loaded;
  }

  async listen(port: number, host: string): Promise<number> {
    this.#port = await this.#http.listen(port, host);
    return this.#port;
  }

  /**
   * Builds a new index aside while the current one keeps answering, then swaps it in with every
   * change since its build applied on top. A rebuild asked for while one runs joins it.
   */
  reindex(): Promise<ReindexReport> {
    this.#reindexing ??= (async () => {
      const started = performance.now();
      const { index } = await this.#rebuild();
      // The lock covers reading the changes since the build and sending the index with them;
      // changes broadcast after that reach every thread after the index, so the change feed goes
      // on while the threads prepare the new index between searches.
      const swapped = await this.#lock.run(async () => {
        const follower = this.#follower!;
        follower.rebase(index.meta.position);
        const replay = await follower.replay();
        return { done: this.#threads.load(index, follower.taxonomy, replay) };
      });
      await swapped.done;
      this.#index = index;
      this.#reindexes++;
      const report = { products: index.meta.docs, millis: Math.round(performance.now() - started) };
      this.#log.info(report, 'rebuilt search index serving');
      return report;
    })().finally(() => {
      this.#reindexing = undefined;
    });
    return this.#reindexing;
  }

  /** The daemon's routes, without a socket (tests call this directly). */
  async handle(request: AppRequest): Promise<AppResponse> {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    switch (request.path) {
      case '/search':
        return method === 'GET' ? this.#search(request) : notAllowed('GET, HEAD');
      case '/__health':
        return json(200, { status: 'ok', products: this.#index?.meta.docs ?? 0 });
      case '/__status':
        return json(200, this.status());
      case '/__reindex':
        if (method !== 'POST') return notAllowed('POST');
        if (!this.#authorized(request))
          return json(403, { error: 'reindex is allowed from loopback or with the admin token' });
        return json(200, await this.reindex());
      default:
        return json(404, { error: 'not found' });
    }
  }

  /** What the daemon holds, for `/__status` and the supervisor. */
  status() {
    const meta = this.#index?.meta;
    return {
      role: 'search',
      pid: process.pid,
      port: this.#port ?? null,
      healthy: this.#index !== undefined,
      threads: this.#threads.count,
      products: meta?.docs ?? 0,
      built_at: meta?.builtAt ?? null,
      built_at_position: meta?.position ?? null,
      change_feed_position: this.#follower?.position ?? null,
      changed_since_build: this.#follower?.pending ?? 0,
      reindexing: this.#reindexing !== undefined,
      reindexes: this.#reindexes,
      inflight: this.#threads.inflight,
    };
  }

  async close(): Promise<void> {
    this.#closing.abort();
    await this.#http.close();
    await this.#follower?.stop();
    await this.#reindexing?.catch(() => undefined);
    this.#rebuilder.close();
    await this.#threads.close();
  }

  async #search(request: AppRequest): Promise<AppResponse> {
    const started = performance.now();
    let params;
    try {
      params = searchParams(request.query);
    } catch (error) {
      if (error instanceof BadRequestError) return json(400, { error: error.message });
      throw error;
    }
    if (this.#threads.inflight >= MAX_INFLIGHT) return json(503, { error: 'search is busy' });
    try {
      const body = await this.#threads.search(params);
      const took = (performance.now() - started).toFixed(3);
      // The thread's JSON starts with `{`; took_ms goes first so nothing is parsed twice.
      return { status: 200, headers: JSON_HEADERS, body: `{"took_ms":${took},${body.slice(1)}` };
    } catch (error) {
      this.#log.error({ err: error, reqId: request.requestId }, 'search failed');
      return json(500, { error: 'search failed' });
    }
  }

  /** The index to start with: the snapshot if it still fits, else a build at full speed. */
  async #build(): Promise<LoadedIndex> {
    const loaded = await buildOnThread(
      {
        databaseUrl: this.#options.databaseUrl,
        snapshot: this.snapshotFile,
        mode: 'load-or-build',
        lowPriority: false,
      },
      (products) => this.#log.info({ products }, 'indexing'),
      this.#closing.signal,
    );
    const { index, source, millis, snapshotSkipped, snapshotFailed } = loaded;
    if (snapshotSkipped) this.#log.warn({ reason: snapshotSkipped }, 'search snapshot not used');
    if (snapshotFailed) this.#log.warn({ reason: snapshotFailed }, 'search snapshot not written');
    this.#log.info(
      { source, products: index.meta.docs, ms: Math.round(millis), bytes: index.buffer.byteLength },
      'search index ready',
    );
    return loaded;
  }

  /**
   * A new index while the current one serves: built by the rebuild process at the lowest priority,
   * which writes it as the snapshot, paced, then read into shared memory by a thread at nice 19.
   */
  async #rebuild(): Promise<LoadedIndex> {
    const signal = this.#closing.signal;
    const built = await this.#rebuilder.build(
      {
        databaseUrl: this.#options.databaseUrl,
        snapshot: this.snapshotFile,
        writeBytesPerSecond: REBUILD_WRITE_BYTES_PER_SECOND,
        restShare: REBUILD_REST_SHARE,
      },
      (products) => this.#log.info({ products }, 'reindexing'),
      signal,
    );
    this.#log.info(
      { products: built.products, ms: Math.round(built.millis) },
      'search index rebuilt',
    );
    const loaded = await buildOnThread(
      {
        databaseUrl: this.#options.databaseUrl,
        snapshot: this.snapshotFile,
        mode: 'read-snapshot',
        lowPriority: true,
      },
      undefined,
      signal,
    );
    const { index, millis } = loaded;
    this.#log.info(
      { products: index.meta.docs, ms: Math.round(millis), bytes: index.buffer.byteLength },
      'rebuilt search index read',
    );
    return loaded;
  }

  #authorized(request: AppRequest): boolean {
    const address = request.remoteAddress;
    if (address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1') return true;
    const token = this.#options.adminToken;
    const header = request.headers['authorization'];
    if (token === undefined || typeof header !== 'string') return false;
    const given = Buffer.from(header);
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function json(status: number, body: unknown): AppResponse {
  return { status, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

function notAllowed(allow: string): AppResponse {
  return {
    status: 405,
    headers: { ...JSON_HEADERS, allow },
    body: '{"error":"method not allowed"}',
  };
}
