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
  /** False until it holds an index: no searches are sent to it before. */
  ready: boolean;
  /** Loads sent to it and not yet swapped in, by load number. */
  readonly loads: Map<number, () => void>;
}

/**
 * The query threads: each holds a SearchEngine over the same shared index and answers one search
 * at a time. A search goes to the ready thread with the fewest in flight. A new index is prepared
 * by every thread at once in slices between its searches, which its current index goes on
 * answering, so a rebuild never pauses service; a thread that dies is replaced and brought up to
 * date.
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
  #nextLoad = 0;
  #closed = false;

  /**
   * `replay` reads the products changed since the current index was built; `exclusive` runs work
   * that must not interleave with broadcasting changes (sending a replaced thread the index).
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
   * Sends `index` (with `replay` to apply on top) to every thread at once, before returning; the
   * promise resolves when every thread has swapped it in. Changes broadcast after this call reach
   * the new index too, so the caller may let the change feed go on as soon as this returns.
   */
  load(index: BaseIndex, taxonomy: SearchTaxonomy, replay: Replay): Promise<void> {
    this.#current = { index, taxonomy };
    return Promise.all(this.#threads.map((thread) => this.#loadInto(thread, replay))).then(
      () => undefined,
    );
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
    const load = ++this.#nextLoad;
    return new Promise((resolve) => {
      thread.loads.set(load, resolve);
      thread.worker.postMessage({
        type: 'index',
        load,
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
    const thread: Thread = { worker, inflight: new Map(), ready: false, loads: new Map() };
    worker.on('message', (message: FromQueryThread) => {
      if (message.type === 'loaded') {
        thread.ready = true;
        // A thread swaps in only its latest load: earlier ones are over too.
        for (const [load, done] of thread.loads) {
          if (load > message.load) continue;
          thread.loads.delete(load);
          done();
        }
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
    // Its replacement takes the current index, so loads waiting on this thread are over.
    for (const done of thread.loads.values()) done();
    thread.loads.clear();
    const fresh = this.#spawn();
    const at = this.#threads.indexOf(thread);
    if (at !== -1) this.#threads[at] = fresh;
    // Under the lock: a change broadcast between reading the replay and sending the index would
    // be lost. Changes sent after the index reach the thread after it, so the lock ends there.
    if (this.#current) {
      await this.#exclusive(async () => {
        void this.#loadInto(fresh, await this.#replay());
      });
    }
  }
}
