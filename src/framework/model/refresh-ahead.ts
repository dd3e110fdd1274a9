/** How often queued refreshes are fetched: one round trip per part for everything queued. */
const FLUSH_EVERY_MS = 200;
/** Ids fetched per round trip at most; the rest wait for the next flush. */
const MAX_BATCH = 1000;

/**
 * Refresh-ahead: ids whose cached part is read late in its life are queued, and every 200 ms one
 * query per part reloads them all. Popular objects then never expire on the request path, and
 * the database sees a few batched reads instead of a miss per object (Caffeine's refreshAfterWrite).
 */
export class RefreshAhead<Part extends string> {
  readonly #queue = new Map<Part, Set<number>>();
  readonly #timer: NodeJS.Timeout;
  readonly #refresh: (part: Part, ids: number[]) => Promise<void>;
  #flushing = false;

  constructor(refresh: (part: Part, ids: number[]) => Promise<void>) {
    this.#refresh = refresh;
    this.#timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.#timer.unref();
  }

  add(part: Part, id: number): void {
    let ids = this.#queue.get(part);
    if (!ids) this.#queue.set(part, (ids = new Set()));
    ids.add(id);
  }

  /** Fetches what is queued now; a failed refresh is dropped (the entry then expires as usual). */
  async flush(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      for (const [part, queued] of this.#queue) {
        const ids = [...queued].slice(0, MAX_BATCH);
        for (const id of ids) queued.delete(id);
        if (ids.length > 0) await this.#refresh(part, ids).catch(() => undefined);
      }
    } finally {
      this.#flushing = false;
    }
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
