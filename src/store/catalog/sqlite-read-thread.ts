import { Worker } from 'node:worker_threads';
import type { CompiledQuery } from 'kysely';
import { DatabaseError } from '../../db/index.js';
import type { ReadReply, ReadRequest } from './sqlite-read-worker.js';

/**
 * Runs read queries on a worker thread with its own connection to the SQLite file. better-sqlite3
 * is synchronous, so a listing that scans tens of thousands of rows (0.25–1.5 s at a million
 * products) would otherwise hold the app server's only thread, and every request waiting on it.
 * The thread starts on the first query; it keeps the process alive only while a query is out.
 */
export class SqliteReadThread {
  readonly #file: string;
  readonly #nice: number;
  #worker: Worker | undefined;
  readonly #pending = new Map<
    number,
    { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }
  >();
  #next = 0;

  /** `nice` (0–19, Linux) lowers the thread's priority, for queries that may wait their turn. */
  constructor(file: string, options: { nice?: number } = {}) {
    this.#file = file;
    this.#nice = options.nice ?? 0;
  }

  /** The rows of `query`, read on the thread. */
  run<R>(query: CompiledQuery<R>): Promise<R[]> {
    const worker = (this.#worker ??= this.#start());
    const id = this.#next++;
    if (this.#pending.size === 0) worker.ref();
    const request: ReadRequest = { id, sql: query.sql, parameters: query.parameters };
    return new Promise<R[]>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #start(): Worker {
    const worker = new Worker(new URL('./sqlite-read-worker.js', import.meta.url), {
      workerData: { file: this.#file, nice: this.#nice },
    });
    worker.on('message', (reply: ReadReply) => {
      const waiting = this.#pending.get(reply.id);
      if (!waiting) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      if ('rows' in reply) waiting.resolve(reply.rows);
      else waiting.reject(new DatabaseError(reply.error));
    });
    // A thread that died (it could not open the file) fails what it held; the next query starts another.
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const waiting of this.#pending.values()) waiting.reject(error);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new DatabaseError(`the read thread exited (${code})`)));
    return worker;
  }
}
