import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { open, type Database, type RootDatabase } from 'lmdb';
import { OldestKeys, type Logger } from '../../shared/index.js';
import { PageStoreError } from '../errors.js';
import { TagIndex, type PageStore } from './page-store.js';
import { decodePageRecord, encodePageRecord } from './page-record-codec.js';
import { StoredPage, type PageRecord } from './stored-page.js';

export interface DiskPageStoreOptions {
  /** A folder of its own, e.g. DATA_DIR/page-cache. */
  readonly path: string;
  readonly maxBytes: number;
  readonly log: Logger;
  /** How long opening may take before the store is declared broken and replaced. */
  readonly openTimeoutMs?: number;
}

/** One row of the write-order index: what eviction and purges need, without reading the page. */
interface IndexRow {
  readonly key: string;
  readonly bytes: number;
  readonly tags: readonly string[];
}

interface Placed {
  readonly seq: number;
  readonly bytes: number;
  readonly tags: readonly string[];
}

/** LMDB keys are at most 1,978 bytes and cannot hold NUL; longer URLs are stored by their hash. */
const MAX_PLAIN_KEY_BYTES = 1000;

/**
 * The disk tier: pages in LMDB under DATA_DIR, so a restarted proxy starts warm. LMDB's
 * copy-on-write pages survive a kill -9 with no recovery step. An in-memory index (key → write
 * sequence, size, tags), rebuilt at open from a small table, answers misses without touching
 * the disk, evicts the oldest writes first to stay within `maxBytes`, and finds a surrogate
 * key's pages for a purge. Writes are batched by LMDB off the request path.
 */
export class DiskPageStore implements PageStore {
  readonly #root: RootDatabase;
  readonly #pages: Database<Buffer, string>;
  readonly #order: Database<IndexRow, number>;
  readonly #log: Logger;
  readonly #maxBytes: number;
  /** Map order is write order, oldest first. */
  readonly #placed = new Map<string, Placed>();
  readonly #oldest = new OldestKeys(this.#placed);
  readonly #tags = new TagIndex();
  /** Pages set whose write has not committed yet, so a read right after a write finds them. */
  readonly #pending = new Map<string, StoredPage>();
  #seq = 0;
  #bytes = 0;

  constructor(options: DiskPageStoreOptions) {
    if (!Number.isInteger(options.maxBytes) || options.maxBytes <= 0) {
      throw new TypeError(`options.maxBytes must be a positive integer (got ${options.maxBytes})`);
    }
    this.#log = options.log;
    this.#maxBytes = options.maxBytes;
    try {
      fs.mkdirSync(options.path, { recursive: true });
      if (!opensCleanly(options.path, options.openTimeoutMs ?? 2000)) {
        options.log.warn({ path: options.path }, 'page cache did not open cleanly: starting empty');
        fs.rmSync(options.path, { recursive: true, force: true });
        fs.mkdirSync(options.path, { recursive: true });
      }
      // noSync: this is a cache. LMDB stays consistent across a process crash without fsync; a
      // machine crash may lose recent pages, and a store that then fails to open is replaced.
      this.#root = open({ path: options.path, noSync: true, cache: false, maxDbs: 4 });
      this.#pages = this.#root.openDB<Buffer, string>({ name: 'pages', encoding: 'binary' });
      this.#order = this.#root.openDB<IndexRow, number>({ name: 'order', encoding: 'msgpack' });
    } catch (error) {
      throw new PageStoreError(`cannot open the page cache in ${options.path}`, { cause: error });
    }
    this.#load();
  }

  get size(): number {
    return this.#placed.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): StoredPage | undefined {
    const diskKey = toDiskKey(key);
    if (!this.#placed.has(diskKey)) return undefined;
    const pending = this.#pending.get(diskKey);
    if (pending) return pending;
    let record: PageRecord | undefined;
    try {
      const bytes = this.#pages.getBinaryFast(diskKey);
      record = bytes && decodePageRecord(bytes);
    } catch (error) {
      this.#log.warn({ err: error, key }, 'undecodable page on disk treated as a miss');
    }
    if (record?.format !== 1 || record.key !== key) {
      this.#remove(diskKey);
      return undefined;
    }
    return StoredPage.fromRecord(record);
  }

  set(key: string, page: StoredPage): void {
    const diskKey = toDiskKey(key);
    this.#remove(diskKey);
    // One page may take at most an eighth of the tier, so a huge one cannot flush the rest.
    if (page.bytes > this.#maxBytes / 8) return;
    const seq = ++this.#seq;
    const placed = { seq, bytes: page.bytes, tags: page.tags };
    this.#placed.set(diskKey, placed);
    this.#tags.add(diskKey, page.tags);
    this.#bytes += page.bytes;
    this.#pending.set(diskKey, page);
    // Both writes land in the same LMDB transaction (lmdb-js batches one event-loop turn).
    void this.#order.put(seq, { key: diskKey, bytes: page.bytes, tags: page.tags });
    this.#pages.put(diskKey, encodePageRecord(page.toRecord())).then(
      () => {
        if (this.#pending.get(diskKey) === page) this.#pending.delete(diskKey);
      },
      (error: unknown) => {
        this.#log.warn({ err: error, key }, 'page cache write failed; the page is dropped');
        if (this.#placed.get(diskKey) === placed) this.#remove(diskKey);
      },
    );
    this.#evict();
  }

  delete(key: string): boolean {
    return this.#remove(toDiskKey(key));
  }

  purgeTag(tag: string): number {
    let purged = 0;
    for (const diskKey of this.#tags.keys(tag)) if (this.#remove(diskKey)) purged++;
    return purged;
  }

  async flush(): Promise<void> {
    await this.#root.committed;
  }

  async close(): Promise<void> {
    await this.#root.committed;
    await this.#root.close();
  }

  #remove(diskKey: string): boolean {
    const placed = this.#placed.get(diskKey);
    if (!placed) return false;
    this.#placed.delete(diskKey);
    this.#tags.remove(diskKey, placed.tags);
    this.#bytes -= placed.bytes;
    this.#pending.delete(diskKey);
    // The index above already hides the page, so the removal may commit later.
    void this.#pages.remove(diskKey);
    void this.#order.remove(placed.seq);
    return true;
  }

  /** Removes the oldest writes until the tier is within its bytes. */
  #evict(): void {
    while (this.#bytes > this.#maxBytes) {
      const oldest = this.#oldest.next();
      if (oldest === undefined) break;
      this.#remove(oldest);
    }
  }

  /** Rebuilds the in-memory index from the order table (small rows; no page is read). */
  #load(): void {
    for (const { key: seq, value: row } of this.#order.getRange()) {
      const previous = this.#placed.get(row.key);
      if (previous) {
        // A page rewritten: only its newest row counts.
        this.#placed.delete(row.key);
        this.#tags.remove(row.key, previous.tags);
        this.#bytes -= previous.bytes;
        void this.#order.remove(previous.seq);
      }
      this.#placed.set(row.key, { seq, bytes: row.bytes, tags: row.tags });
      this.#tags.add(row.key, row.tags);
      this.#bytes += row.bytes;
      this.#seq = Math.max(this.#seq, seq);
    }
    this.#evict();
  }
}

function toDiskKey(key: string): string {
  if (Buffer.byteLength(key) <= MAX_PLAIN_KEY_BYTES && !key.includes('\0')) return key;
  return `#sha256:${createHash('sha256').update(key).digest('base64url')}`;
}

/** Opens and reads the store in a child process; false when that fails or takes longer than `timeoutMs`. */
function opensCleanly(folder: string, timeoutMs: number): boolean {
  if (!fs.existsSync(path.join(folder, 'data.mdb'))) return true;
  const lmdb = import.meta.resolve('lmdb');
  const probe = `import { open } from ${JSON.stringify(lmdb)};
const root = open({ path: ${JSON.stringify(folder)}, cache: false, maxDbs: 4, readOnly: true });
const order = root.openDB({ name: 'order', encoding: 'msgpack' });
for (const { value } of order.getRange({ limit: 64 })) if (typeof value?.key !== 'string') process.exit(3);
await root.close();`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
    timeout: timeoutMs,
    stdio: 'ignore',
  });
  return result.status === 0;
}
