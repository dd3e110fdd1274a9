import type { StoredPage } from './stored-page.js';

/**
 * Where the page cache keeps pages, by key (the URL's path and query, or a variant key). Reads
 * are synchronous so a hit costs no promise; writes may complete later, but a page deleted or
 * purged is never returned again, and one just set is returned at once.
 */
export interface PageStore {
  get(key: string): StoredPage | undefined;
  /** Keeps `page` under `key`, evicting others to stay within the store's byte bound. */
  set(key: string, page: StoredPage): void;
  /** Drops the page at `key`; true when there was one. */
  delete(key: string): boolean;
  /** Drops every page tagged `tag` (a surrogate key); returns how many. */
  purgeTag(tag: string): number;
  /** Pages held, and the bytes they are counted as. */
  readonly size: number;
  readonly bytes: number;
  /** Resolves once every write so far is durable (a no-op in memory). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** Keys of pages by tag, kept beside a store so a purge by surrogate key touches only its pages. */
export class TagIndex {
  readonly #keys = new Map<string, Set<string>>();

  add(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      let keys = this.#keys.get(tag);
      if (!keys) this.#keys.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  remove(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.#keys.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.#keys.delete(tag);
    }
  }

  /** The keys tagged `tag`, as a copy the caller may delete from the store while iterating. */
  keys(tag: string): string[] {
    return [...(this.#keys.get(tag) ?? [])];
  }
}
