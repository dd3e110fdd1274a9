import { Worker } from 'node:worker_threads';
import type { Logger } from '../shared/index.js';
import type { BaseIndex, CatalogRow, SearchRequest, SearchTaxonomy } from './engine/index.js';
import type { FromQueryThread, ToQueryThread } from './query-messages.js';

/** Products changed since the current index was built: what a fresh thread must apply on top. */
export interface Replay {
  readonly rows: readonly CatalogRow[];
  readonly removed: readonly number[];
}

interface Pending {
  resolve(body: string): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  readonly inflight: Map<number, Pending>;
  /** False while it loads an index: no new searches are sent to it. */
  ready: boolean;
  onReady: (() => void) | undefined;
}

/**
 * The query threads: each holds a SearchEngine over the same shared index and answers one search
 * at a time. A search goes to the ready thread with the fewest in flight. A new index is loaded
 * into one thread at a time while the others keep answering, so a rebuild never pauses service;
 * a thread that dies is replaced and brought up to date.
 */
export class QueryThreads {
  readonly #threads: Thread[] = [];
  readonly #log: Logger;
  readonly #replay: () => Promise<Replay>;
  readonly #exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  /** Searches waiting for a ready thread (only while every thread is loading). */
  readonly #waiting: (() => void)[] = [];
  #current: { index: BaseIndex; taxonomy: SearchTaxonomy } | undefined;
  #nextId = 0;
  #closed = false;

  /**
   * `replay` reads the products changed since the current index was built; `exclusive` runs work
   * that must not interleave with broadcasting changes (a replaced thread's catch-up).
   */
  constructor(
    count: number,
    options: {
      log: Logger;
      replay: () => Promise<Replay>;
      exclusive: <T>(work: () => Promise<T>) => Promise<T>;
    },
  ) {
    this.#log = options.log;
    this.#replay = options.replay;
    this.#exclusive = options.exclusive;
    for (let i = 0; i < count; i++) this.#threads.push(this.#spawn());
  }

  get count(): number {
    return this.#threads.length;
  }

  /**
   * Loads `index` (with `replay` applied) into every thread. The first load goes to all at once;
   * later ones to one thread at a time, so the rest keep answering.
   */
  async load(index: BaseIndex, taxonomy: SearchTaxonomy, replay: Replay): Promise<void> {
    const first = this.#current === undefined;
    this.#current = { index, taxonomy };
    if (first) {
      await Promise.all(this.#threads.map((thread) => this.#loadInto(thread, replay)));
      return;
    }
    for (const thread of this.#threads) await this.#loadInto(thread, replay);
  }

  /** Sends a live change or a new taxonomy to every thread, in order with everything else. */
  broadcast(message: Extract<ToQueryThread, { type: 'apply' | 'taxonomy' }>): void {
    if (message.type === 'taxonomy' && this.#current) {
      this.#current = { ...this.#current, taxonomy: message.taxonomy };
    }
    for (const thread of this.#threads) thread.worker.postMessage(message);
  }

  /** The daemon's JSON for `request` (without `took_ms`). */
  search(request: SearchRequest): Promise<string> {
    if (this.#closed) return Promise.reject(new Error('search threads are closed'));
    return new Promise((resolve, reject) => {
      const send = () => {
        const thread = this.#pick();
        if (thread === undefined) {
          this.#waiting.push(send);
          return;
        }
        const id = ++this.#nextId;
        thread.inflight.set(id, { resolve, reject });
        thread.worker.postMessage({ type: 'search', id, request } satisfies ToQueryThread);
      };
      send();
    });
  }

  /** Searches in flight across all threads. */
  get inflight(): number {
    return this.#threads.reduce((sum, t) => sum + t.inflight.size, 0) + this.#waiting.length;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const send of this.#waiting.splice(0)) send();
    await Promise.all(this.#threads.map((t) => t.worker.terminate()));
  }

  #pick(): Thread | undefined {
    let best: Thread | undefined;
    for (const thread of this.#threads) {
      if (thread.ready && (best === undefined || thread.inflight.size < best.inflight.size)) {
        best = thread;
      }
    }
    return best;
  }

  #loadInto(thread: Thread, replay: Replay): Promise<void> {
    const current = this.#current!;
    thread.ready = false;
    return new Promise((resolve) => {
      thread.onReady = resolve;
      thread.worker.postMessage({
        type: 'index',
        buffer: current.index.buffer,
        meta: current.index.meta,
        taxonomy: current.taxonomy,
        rows: replay.rows,
        removed: replay.removed,
      } satisfies ToQueryThread);
    });
  }

  #spawn(): Thread {
    const worker = new Worker(new URL('./query-worker.js', import.meta.url));
    const thread: Thread = { worker, inflight: new Map(), ready: false, onReady: undefined };
    worker.on('message', (message: FromQueryThread) => {
      if (message.type === 'ready') {
        thread.ready = true;
        thread.onReady?.();
        thread.onReady = undefined;
        for (const send of this.#waiting.splice(0)) send();
        return;
      }
      const pending = thread.inflight.get(message.id);
      if (!pending) return;
      thread.inflight.delete(message.id);
      if (message.type === 'result') pending.resolve(message.body);
      else pending.reject(new Error(message.message));
    });
    worker.on('error', (error) => this.#log.error({ err: error }, 'search thread failed'));
    worker.on('exit', (code) => {
      if (!this.#closed) void this.#replace(thread, code);
    });
    return thread;
  }

  async #replace(thread: Thread, code: number): Promise<void> {
    this.#log.error({ code }, 'search thread exited; starting another');
    for (const pending of thread.inflight.values())
      pending.reject(new Error('search thread exited'));
    thread.inflight.clear();
    const fresh = this.#spawn();
    const at = this.#threads.indexOf(thread);
    if (at !== -1) this.#threads[at] = fresh;
    // Under the lock: a change broadcast between reading the replay and loading it would be lost.
    if (this.#current) {
      await this.#exclusive(async () => {
        const replay = await this.#replay();
        await this.#loadInto(fresh, replay);
      });
    }
  }
}
