import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { open, type Database, type RootDatabase } from 'lmdb';
import type { Logger } from '../../shared/index.js';
import { PageStoreError } from '../errors.js';
import { opensCleanly } from './disk-store-probe.js';
import { convertOlderLayout, orderRowKey } from './older-layout.js';
import type { PageStore } from './page-store.js';
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

/** What eviction and purges need of a page, without reading it: its write, size and tags. */
export interface PageMeta {
  readonly seq: number;
  readonly bytes: number;
  readonly tags: readonly string[];
}

/** A write not committed yet: the page set (with its meta), or `undefined` for a removal. */
interface Uncommitted {
  readonly page: StoredPage | undefined;
  readonly meta: PageMeta | undefined;
}

const REMOVED: Uncommitted = { page: undefined, meta: undefined };

/** One write waiting for the next commit: a page set, or the removal of the rows of `meta`. */
interface Write {
  readonly diskKey: string;
  readonly entry: Uncommitted;
  /** For a removal: the meta whose rows go. */
  readonly removed?: PageMeta;
}

/** LMDB keys are at most 1,978 bytes and cannot hold NUL; longer URLs and tags go by their hash. */
const MAX_PLAIN_KEY_BYTES = 1000;

/** Write-order rows read at a time by eviction. */
const EVICTION_BATCH = 256;

/**
 * Writes wait this long and commit together. Every LMDB commit saves the free-page list, which
 * grows as the tier's pages churn: at a commit per event-loop turn with a write (lmdb-js's
 * batching), that took ~8 % of a loaded proxy's CPU; at one every 100 ms ~4 %, every second
 * ~1.5 % (docs/proxy.md).
 */
const COMMIT_EVERY_MS = 1000;

/**
 * The disk tier: pages in LMDB under DATA_DIR, so a restarted proxy starts warm. LMDB's
 * copy-on-write pages survive a kill -9 with no recovery step. Its index is LMDB tables beside
 * the pages (key → write sequence, size and tags; write order; tag → keys), not objects in the
 * proxy's heap, where 300,000 pages' index held 150 MiB that every major garbage collection
 * marked (docs/proxy.md).
 * Writes wait in a queue and are committed together every second, off the request path; until
 * one commits, an overlay of the uncommitted writes answers for it.
 */
export class DiskPageStore implements PageStore {
  readonly #root: RootDatabase;
  readonly #pages: Database<Buffer, string>;
  readonly #meta: Database<PageMeta, string>;
  /** Write sequence → key. */
  readonly #order: Database<string, number>;
  readonly #tagged: Database<string, string>;
  readonly #log: Logger;
  readonly #maxBytes: number;
  /** Sets and removals LMDB has not committed yet, by key, oldest first. */
  readonly #uncommitted = new Map<string, Uncommitted>();
  /** Writes not handed to LMDB yet, in order. */
  #queued: Write[] = [];
  #commitTimer: NodeJS.Timeout | undefined;
  /** Write-order rows read for eviction and not yet looked at, oldest first. */
  #oldest: { seq: number; key: string }[] = [];
  /** The write sequence eviction has looked at up to (exclusive). */
  #evictedTo = 0;
  #seq = 0;
  #size = 0;
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
      this.#root = open({ path: options.path, noSync: true, cache: false, maxDbs: 8 });
      this.#pages = this.#root.openDB<Buffer, string>({ name: 'pages', encoding: 'binary' });
      this.#meta = this.#root.openDB<PageMeta, string>({ name: 'meta', encoding: 'msgpack' });
      this.#order = this.#root.openDB<string, number>({ name: 'order', encoding: 'msgpack' });
      this.#tagged = this.#root.openDB<string, string>({
        name: 'tagged',
        dupSort: true,
        encoding: 'ordered-binary',
      });
      this.#open();
    } catch (error) {
      throw new PageStoreError(`cannot open the page cache in ${options.path}`, { cause: error });
    }
    this.#evict();
  }

  get size(): number {
    return this.#size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): StoredPage | undefined {
    const diskKey = toDiskKey(key);
    const uncommitted = this.#uncommitted.get(diskKey);
    if (uncommitted) return uncommitted.page;
    let record: PageRecord | undefined;
    try {
      const bytes = this.#pages.getBinaryFast(diskKey);
      if (!bytes) return undefined;
      record = decodePageRecord(bytes);
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
    const meta = { seq: ++this.#seq, bytes: page.bytes, tags: page.tags.map(toDiskKey) };
    this.#size++;
    this.#bytes += page.bytes;
    this.#queue({ diskKey, entry: { page, meta } });
    this.#evict();
  }

  delete(key: string): boolean {
    return this.#remove(toDiskKey(key));
  }

  purgeTag(tag: string): number {
    const diskTag = toDiskKey(tag);
    const keys = new Set(this.#tagged.getValues(diskTag));
    for (const [key, { meta }] of this.#uncommitted)
      if (meta?.tags.includes(diskTag)) keys.add(key);
    let purged = 0;
    for (const key of keys) {
      // The table may still list a page rewritten without the tag, until that write commits.
      if (this.#metaOf(key)?.tags.includes(diskTag) && this.#remove(key)) purged++;
    }
    return purged;
  }

  async flush(): Promise<void> {
    await this.#commit();
  }

  async close(): Promise<void> {
    await this.#commit();
    await this.#root.close();
  }

  /** The meta of the page at `diskKey`, counting writes not committed yet. */
  #metaOf(diskKey: string): PageMeta | undefined {
    const uncommitted = this.#uncommitted.get(diskKey);
    return uncommitted ? uncommitted.meta : this.#meta.get(diskKey);
  }

  /** Makes `write` the newest word on its key and queues it for the next commit. */
  #queue(write: Write): void {
    // Deleted first so the map's order stays write order, which eviction of uncommitted pages follows.
    this.#uncommitted.delete(write.diskKey);
    this.#uncommitted.set(write.diskKey, write.entry);
    this.#queued.push(write);
    this.#commitTimer ??= setTimeout(() => void this.#commit(), COMMIT_EVERY_MS).unref();
  }

  /** Hands the queued writes to LMDB as one transaction; resolves once it commits. */
  async #commit(): Promise<void> {
    clearTimeout(this.#commitTimer);
    this.#commitTimer = undefined;
    const writes = this.#queued;
    this.#queued = [];
    if (writes.length === 0) {
      await this.#root.committed; // a transaction already handed over
      return;
    }
    let error: unknown;
    try {
      await this.#root.batch(() => {
        for (const { diskKey, entry, removed } of writes) {
          if (entry.page && entry.meta) {
            void this.#meta.put(diskKey, entry.meta);
            void this.#order.put(entry.meta.seq, diskKey);
            for (const tag of entry.meta.tags) void this.#tagged.put(tag, diskKey);
            void this.#pages.put(diskKey, encodePageRecord(entry.page.toRecord()));
          } else if (removed) {
            void this.#meta.remove(diskKey);
            void this.#order.remove(removed.seq);
            for (const tag of removed.tags) void this.#tagged.remove(tag, diskKey);
            void this.#pages.remove(diskKey);
          }
        }
      });
    } catch (failure) {
      error = failure;
      this.#log.warn(
        { err: error, writes: writes.length },
        'page cache write failed; its pages are dropped',
      );
    }
    for (const write of writes) {
      const { diskKey, entry } = write;
      if (this.#uncommitted.get(diskKey) !== entry) continue; // a later write has the word
      if (error === undefined) this.#uncommitted.delete(diskKey);
      // A page that never reached the disk is dropped; a removal that did not is tried again, its
      // overlay still hiding the page LMDB holds (a purged page must not come back).
      else if (entry.page) this.#remove(diskKey);
      else this.#queue(write);
    }
  }

  #remove(diskKey: string): boolean {
    const meta = this.#metaOf(diskKey);
    if (!meta) return false;
    this.#size--;
    this.#bytes -= meta.bytes;
    this.#queue({ diskKey, entry: REMOVED, removed: meta });
    return true;
  }

  /** Removes the oldest writes until the tier is within its bytes. */
  #evict(): void {
    while (this.#bytes > this.#maxBytes) {
      const oldest = this.#nextOldest();
      if (oldest === undefined) break;
      // A row whose page was rewritten or removed since is passed over.
      if (this.#metaOf(oldest.key)?.seq === oldest.seq) this.#remove(oldest.key);
    }
  }

  /** The oldest write eviction has not looked at: committed rows first, then uncommitted ones. */
  #nextOldest(): { seq: number; key: string } | undefined {
    if (this.#oldest.length === 0) {
      for (const { key: seq, value } of this.#order.getRange({
        start: this.#evictedTo,
        limit: EVICTION_BATCH,
      })) {
        this.#oldest.push({ seq, key: orderRowKey(value) });
      }
      this.#oldest.reverse();
    }
    const row = this.#oldest.pop();
    if (row) {
      this.#evictedTo = row.seq + 1;
      return row;
    }
    for (const [key, { meta }] of this.#uncommitted) if (meta) return { seq: meta.seq, key };
    return undefined;
  }

  /** Counts what the store holds, after converting a store an older version wrote. */
  #open(): void {
    convertOlderLayout(this.#root, { order: this.#order, meta: this.#meta, tagged: this.#tagged });
    for (const { value: meta } of this.#meta.getRange()) {
      this.#size++;
      this.#bytes += meta.bytes;
      this.#seq = Math.max(this.#seq, meta.seq);
    }
  }
}

function toDiskKey(key: string): string {
  if (Buffer.byteLength(key) <= MAX_PLAIN_KEY_BYTES && !key.includes('\0')) return key;
  return `#sha256:${createHash('sha256').update(key).digest('base64url')}`;
}
