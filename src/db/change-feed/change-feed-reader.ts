import type { Database } from '../database.js';
import {
  CHANGE_CHANNEL,
  changesAfter,
  changesIn,
  latestChangeId,
  type Change,
} from './change-feed.js';

export interface ChangeFeedReaderOptions {
  /** How often to look for new changes when nothing wakes the reader (SQLite: this is the delay). */
  readonly pollMs?: number;
  /**
   * On PostgreSQL, how long after a notification the reader reads: the notifications of that
   * while are answered by one query. Default 25 ms.
   */
  readonly wakeDelayMs?: number;
  /** Start after this change id; by default after the newest change at start. */
  readonly afterId?: number;
  /** Called when reading fails; the reader keeps trying. */
  readonly onError?: (error: unknown) => void;
}

/** Changes read per query. */
const BATCH = 1000;
/**
 * How long a missing id is waited for. PostgreSQL hands out ids at insert, not at commit, so a
 * slower transaction can commit id 10 after id 11 was read; ids rolled back never appear.
 */
const GAP_WAIT_MS = 10_000;
/** See `wakeDelayMs`. */
const WAKE_DELAY_MS = 25;

/**
 * Tails the change feed and hands every new change, in order and once, to `onChanges`. On
 * PostgreSQL a LISTEN connection wakes it shortly after a commit (`wakeDelayMs`, so a busy store's
 * hundreds of commits a second cost tens of reads, not hundreds, in every reader), and it still
 * polls, slowly, in case a notification is lost; on SQLite it polls every `pollMs` (100 ms by
 * default).
 */
export class ChangeFeedReader {
  readonly #database: Database;
  readonly #options: ChangeFeedReaderOptions;
  #lastId = 0;
  /** Ids below `#lastId` not seen yet, with when they were first missed. */
  readonly #gaps = new Map<number, number>();
  #timer: NodeJS.Timeout | undefined;
  #wakeTimer: NodeJS.Timeout | undefined;
  #running = false;
  #reading: Promise<void> | undefined;
  #again = false;
  #unlisten: (() => Promise<void>) | undefined;
  #onChanges: (changes: Change[]) => void | Promise<void> = () => undefined;

  constructor(database: Database, options: ChangeFeedReaderOptions = {}) {
    this.#database = database;
    this.#options = options;
  }

  /** The id of the last change handed out. */
  get position(): number {
    return this.#lastId;
  }

  async start(onChanges: (changes: Change[]) => void | Promise<void>): Promise<void> {
    this.#onChanges = onChanges;
    this.#lastId = this.#options.afterId ?? (await latestChangeId(this.#database));
    this.#running = true;
    const listen = this.#database.listen;
    if (listen) this.#unlisten = await listen(CHANGE_CHANNEL, () => this.#wake());
    const every = this.#options.pollMs ?? (listen ? 1000 : 100);
    this.#timer = setInterval(() => void this.poll(), every);
    this.#timer.unref();
  }

  /** Reads after `wakeDelayMs`, once however many notifications arrive meanwhile. */
  #wake(): void {
    if (this.#wakeTimer) return;
    this.#wakeTimer = setTimeout(() => {
      this.#wakeTimer = undefined;
      void this.poll();
    }, this.#options.wakeDelayMs ?? WAKE_DELAY_MS);
  }

  /** Reads now (also called by the timer and by notifications); concurrent calls coalesce. */
  poll(): Promise<void> {
    if (!this.#running) return Promise.resolve();
    if (this.#reading) {
      this.#again = true;
      return this.#reading;
    }
    this.#reading = this.#drain().finally(() => {
      this.#reading = undefined;
      if (this.#again) {
        this.#again = false;
        void this.poll();
      }
    });
    return this.#reading;
  }

  async #drain(): Promise<void> {
    try {
      await this.#fillGaps();
      for (;;) {
        const changes = await changesAfter(this.#database, this.#lastId, BATCH);
        if (changes.length === 0 || !this.#running) return;
        await this.#onChanges(changes);
        this.#noteGaps(changes);
        if (changes.length < BATCH) return;
      }
    } catch (error) {
      this.#options.onError?.(error);
    }
  }

  /** Remembers ids skipped over by `changes` (ascending) and moves past them. */
  #noteGaps(changes: readonly Change[]): void {
    const now = Date.now();
    let expected = this.#lastId + 1;
    for (const change of changes) {
      for (let id = expected; id < change.id && this.#lastId > 0; id++) this.#gaps.set(id, now);
      expected = change.id + 1;
    }
    this.#lastId = changes[changes.length - 1]!.id;
  }

  async #fillGaps(): Promise<void> {
    const now = Date.now();
    for (const [id, since] of this.#gaps) if (now - since > GAP_WAIT_MS) this.#gaps.delete(id);
    if (this.#gaps.size === 0) return;
    const late = await changesIn(this.#database, [...this.#gaps.keys()]);
    if (late.length === 0) return;
    for (const change of late) this.#gaps.delete(change.id);
    await this.#onChanges(late);
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearInterval(this.#timer);
    clearTimeout(this.#wakeTimer);
    await this.#reading;
    await this.#unlisten?.();
  }
}
