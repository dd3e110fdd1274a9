/** One object that changed, and the version (update time, ms) it changed to. */
export interface ChangedObject {
  readonly id: number;
  readonly version: number;
}

export interface ChangeSyncOptions {
  /** Objects whose rows changed with a version after `since` (ms); at most `limit`. */
  changedSince(since: number, limit: number): Promise<readonly ChangedObject[]>;
  /** Drops these objects from the cache. */
  onChanged(ids: readonly number[]): void;
  /** Drops every object of the model (more changed than one query returns). */
  onTooMany(): void;
  readonly everyMs?: number;
  /**
   * How far back each query reaches behind the previous one: a row stamped by one clock and
   * committed later, or by a server whose clock is behind, is still seen if within this margin.
   */
  readonly marginMs?: number;
}

const LIMIT = 10_000;

/**
 * Verifies cached objects against the database instead of letting them expire: every second it
 * asks which rows changed since the last look (an indexed range on their update times), drops
 * those, and vouches for everything else. An entry loaded after coverage began is then known to
 * match the database as of the last look, so it stays fresh for a whole time-to-live past that
 * — "never out of sync for longer than its time-to-live" — without being reloaded. Coverage begins
 * with the first look, taken when the sync is made: a process kept busy from its start (warming its
 * cache, or on a loaded host) may reach its first timer many seconds late, and whatever it loaded
 * by then more than `marginMs` before that look would never be vouched for. A failed look vouches
 * for nothing new, so entries age towards a time-to-live past the last good look (where
 * refresh-ahead reloads those still read); the next good look reaches back to the last good one.
 */
export class ChangeSync {
  readonly #options: ChangeSyncOptions;
  readonly #timer: NodeJS.Timeout;
  #coveredSince: number | undefined;
  #verifiedAt = 0;
  #lastStart: number | undefined;
  /** Versions already acted on, so overlapping looks drop each change once. */
  #seen = new Map<number, number>();
  #running: Promise<void> | undefined;

  constructor(options: ChangeSyncOptions) {
    this.#options = options;
    this.#timer = setInterval(() => void this.sync(), options.everyMs ?? 1000);
    this.#timer.unref();
    void this.sync();
  }

  /** The time up to which an entry loaded at `loadedAt` is known to match the database; 0 when not. */
  verifiedAt(loadedAt: number): number {
    return this.#coveredSince !== undefined && loadedAt >= this.#coveredSince
      ? this.#verifiedAt
      : 0;
  }

  /** Looks once (the timer calls this every second); while a look runs, that look. */
  sync(): Promise<void> {
    this.#running ??= this.#look().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #look(): Promise<void> {
    const margin = this.#options.marginMs ?? 10_000;
    const started = Date.now();
    const since = (this.#lastStart ?? started) - margin;
    try {
      const changed = await this.#options.changedSince(since, LIMIT);
      if (changed.length >= LIMIT) {
        this.#options.onTooMany();
        this.#seen.clear();
      } else {
        const fresh = changed.filter((c) => this.#seen.get(c.id) !== c.version);
        for (const c of fresh) this.#seen.set(c.id, c.version);
        if (fresh.length > 0) this.#options.onChanged(fresh.map((c) => c.id));
      }
      for (const [id, version] of this.#seen) if (version < since) this.#seen.delete(id);
    } catch {
      // Coverage stands: entries stay fresh until a time-to-live past the last good look, and
      // the next good look starts from that one's start, so no change in between is missed.
      return;
    }
    this.#coveredSince ??= since;
    this.#verifiedAt = started;
    this.#lastStart = started;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
