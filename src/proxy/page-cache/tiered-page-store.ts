import type { PageStore } from './page-store.js';
import type { StoredPage } from './stored-page.js';

/**
 * Memory in front of disk (the paper's shared-memory cache over a disk store): a page found
 * only on disk is copied into memory; writes, deletes and purges go to both.
 */
export class TieredPageStore implements PageStore {
  readonly #near: PageStore;
  readonly #far: PageStore;

  constructor(near: PageStore, far: PageStore) {
    this.#near = near;
    this.#far = far;
  }

  get size(): number {
    return Math.max(this.#near.size, this.#far.size);
  }

  /** The larger tier's count: memory holds copies of what is on disk. */
  get bytes(): number {
    return Math.max(this.#near.bytes, this.#far.bytes);
  }

  get(key: string): StoredPage | undefined {
    const near = this.#near.get(key);
    if (near !== undefined) return near;
    const far = this.#far.get(key);
    if (far !== undefined) this.#near.set(key, far);
    return far;
  }

  set(key: string, page: StoredPage): void {
    this.#near.set(key, page);
    this.#far.set(key, page);
  }

  delete(key: string): boolean {
    const near = this.#near.delete(key);
    return this.#far.delete(key) || near;
  }

  purgeTag(tag: string): number {
    return Math.max(this.#near.purgeTag(tag), this.#far.purgeTag(tag));
  }

  async flush(): Promise<void> {
    await Promise.all([this.#near.flush(), this.#far.flush()]);
  }

  async close(): Promise<void> {
    await Promise.all([this.#near.close(), this.#far.close()]);
  }
}
