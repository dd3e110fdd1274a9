import { OldestKeys } from '../../shared/index.js';
import { TagIndex, type PageStore } from './page-store.js';
import type { StoredPage } from './stored-page.js';

/** A page and the count of insertions into the map when it was last (re)inserted. */
interface Entry {
  readonly page: StoredPage;
  readonly stamp: number;
}

/** The memory tier: least recently used pages are evicted to stay within `maxBytes`. */
export class MemoryPageStore implements PageStore {
  /**
   * Map order is recency: a read moves the page to the end, eviction takes from the front. A
   * page already among the newest quarter is not moved (moving is a delete and a set on every
   * cache hit): fewer than a quarter of the pages could be evicted before it either way.
   */
  readonly #pages = new Map<string, Entry>();
  readonly #tags = new TagIndex();
  readonly #maxBytes: number;
  readonly #oldest = new OldestKeys(this.#pages);
  #bytes = 0;
  #insertions = 0;

  constructor(options: { maxBytes: number }) {
    if (!Number.isInteger(options.maxBytes) || options.maxBytes <= 0) {
      throw new TypeError(`options.maxBytes must be a positive integer (got ${options.maxBytes})`);
    }
    this.#maxBytes = options.maxBytes;
  }

  get size(): number {
    return this.#pages.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): StoredPage | undefined {
    const entry = this.#pages.get(key);
    if (entry === undefined) return undefined;
    // At most `#insertions - 1 - stamp` pages were inserted after this one and are still here.
    if (this.#insertions - 1 - entry.stamp >= this.#pages.size / 4) {
      this.#pages.delete(key);
      this.#pages.set(key, { page: entry.page, stamp: this.#insertions++ });
    }
    return entry.page;
  }

  set(key: string, page: StoredPage): void {
    this.delete(key);
    // One page may take at most an eighth of the tier, so a huge one cannot flush the rest.
    if (page.bytes > this.#maxBytes / 8) return;
    this.#pages.set(key, { page, stamp: this.#insertions++ });
    this.#tags.add(key, page.tags);
    this.#bytes += page.bytes;
    while (this.#bytes > this.#maxBytes) {
      const oldest = this.#oldest.next();
      if (oldest === undefined) break;
      this.delete(oldest);
    }
  }

  delete(key: string): boolean {
    const page = this.#pages.get(key)?.page;
    if (page === undefined) return false;
    this.#pages.delete(key);
    this.#tags.remove(key, page.tags);
    this.#bytes -= page.bytes;
    return true;
  }

  purgeTag(tag: string): number {
    let purged = 0;
    for (const key of this.#tags.keys(tag)) if (this.delete(key)) purged++;
    return purged;
  }

  async flush(): Promise<void> {}

  async close(): Promise<void> {
    this.#pages.clear();
    this.#bytes = 0;
  }
}
