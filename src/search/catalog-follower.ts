import { ChangeFeedReader, type Change, type Database } from '../db/index.js';
import type { Logger } from '../shared/index.js';
import type { SearchTaxonomy } from './engine/index.js';
import { loadTaxonomy, productRows } from './catalog-source.js';
import type { QueryThreads, Replay } from './query-threads.js';
import type { SerialLock } from './serial-lock.js';

/**
 * Keeps the query threads current: tails the change feed, reads each changed product's row (a
 * change says only which product; the row says what it is now) and broadcasts it, and reloads
 * the taxonomy when a category changes or a product names a brand or category not seen yet. Rows
 * are whole states, so applying one twice, or late, is harmless. Remembers which products changed
 * since the index was built, for a thread that must catch up.
 */
export class CatalogFollower {
  readonly #database: Database;
  readonly #threads: QueryThreads;
  readonly #lock: SerialLock;
  readonly #log: Logger;
  /** Product id → id of its latest change, for changes after the current index's position. */
  readonly #changed = new Map<number, number>();
  #taxonomy: SearchTaxonomy;
  #brands = new Set<number>();
  #categories = new Set<number>();
  #reader: ChangeFeedReader | undefined;
  /** When the last change was applied (ms), for the status page. */
  lastAppliedAt = 0;

  constructor(options: {
    database: Database;
    threads: QueryThreads;
    lock: SerialLock;
    log: Logger;
    taxonomy: SearchTaxonomy;
  }) {
    this.#database = options.database;
    this.#threads = options.threads;
    this.#lock = options.lock;
    this.#log = options.log;
    this.#taxonomy = options.taxonomy;
    this.#noteTaxonomy(options.taxonomy);
  }

  get taxonomy(): SearchTaxonomy {
    return this.#taxonomy;
  }

  /** Products changed since the current index was built. */
  get pending(): number {
    return this.#changed.size;
  }

  /** The change feed position read up to. */
  get position(): number {
    return this.#reader?.position ?? 0;
  }

  /** Starts after change `afterId` and applies everything already waiting before resolving. */
  async start(afterId: number): Promise<void> {
    this.#reader = new ChangeFeedReader(this.#database, {
      afterId,
      onError: (error) => this.#log.warn({ err: error }, 'change feed read failed; retrying'),
    });
    await this.#reader.start((changes) => this.#apply(changes));
    await this.#reader.poll();
  }

  /** A new index reflects the feed up to `position`: forget what it already holds. */
  rebase(position: number): void {
    for (const [id, changeId] of this.#changed) if (changeId <= position) this.#changed.delete(id);
  }

  /** The current rows of every product changed since the index was built. */
  async replay(): Promise<Replay> {
    const ids = [...this.#changed.keys()];
    const rows = await productRows(this.#database, ids);
    const found = new Set(rows.map((row) => row.id));
    return { rows, removed: ids.filter((id) => !found.has(id)) };
  }

  async stop(): Promise<void> {
    await this.#reader?.stop();
  }

  #apply(changes: Change[]): Promise<void> {
    return this.#lock.run(async () => {
      const ids = new Set<number>();
      let categories = false;
      for (const change of changes) {
        if (change.topic === 'product') {
          const id = Number(change.key);
          if (!Number.isSafeInteger(id) || id <= 0) continue;
          ids.add(id);
          this.#changed.set(id, change.id);
        } else if (change.topic === 'category') categories = true;
      }
      const rows = ids.size > 0 ? await productRows(this.#database, [...ids]) : [];
      const unknown = rows.some(
        (r) => !this.#brands.has(r.brandId) || !this.#categories.has(r.categoryId),
      );
      if (categories || unknown) {
        this.#taxonomy = await loadTaxonomy(this.#database);
        this.#noteTaxonomy(this.#taxonomy);
        this.#threads.broadcast({ type: 'taxonomy', taxonomy: this.#taxonomy });
      }
      if (ids.size === 0) return;
      const found = new Set(rows.map((row) => row.id));
      const removed = [...ids].filter((id) => !found.has(id));
      this.#threads.broadcast({ type: 'apply', rows, removed });
      this.lastAppliedAt = Date.now();
      this.#log.debug({ products: ids.size }, 'applied catalog changes');
    });
  }

  #noteTaxonomy(taxonomy: SearchTaxonomy): void {
    this.#brands = new Set(taxonomy.brands.map((b) => b.id));
    this.#categories = new Set(taxonomy.categories.map((c) => c.id));
  }
}
