import type { CompiledQuery } from 'kysely';
import { DatabaseError } from '../../db/index.js';
import { ThreadCalls } from '../../shared/index.js';
import type { ReadRequest } from './sqlite-read-worker.js';

/**
 * Runs read queries on a worker thread with its own connection to the SQLite file. better-sqlite3
 * is synchronous, so a listing that scans tens of thousands of rows (0.25–1.5 s at a million
 * products) would otherwise hold the app server's only thread, and every request waiting on it.
 * The thread starts on the first query; it keeps the process alive only while a query is out.
 */
export class SqliteReadThread {
  readonly #calls: ThreadCalls<ReadRequest, unknown[]>;

  /** `nice` (0–19, Linux) lowers the thread's priority, for queries that may wait their turn. */
  constructor(file: string, options: { nice?: number } = {}) {
    this.#calls = new ThreadCalls(new URL('./sqlite-read-worker.js', import.meta.url), {
      workerData: { file, nice: options.nice ?? 0 },
      error: (message) => new DatabaseError(message),
    });
  }

  /** The rows of `query`, read on the thread. */
  run<R>(query: CompiledQuery<R>): Promise<R[]> {
    return this.#calls.call({ sql: query.sql, parameters: query.parameters }) as Promise<R[]>;
  }

  close(): Promise<void> {
    return this.#calls.close();
  }
}
