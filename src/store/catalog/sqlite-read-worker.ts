// The thread behind `SqliteReadThread`: its own connection to the SQLite file, read-only.
import { workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { lowerThisThread, serveCalls } from '../../shared/index.js';

/** A query to run, as `SqliteReadThread` posts it. */
export interface ReadRequest {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

const { file, nice } = workerData as { file: string; nice: number };
lowerThisThread(nice);
const raw = new BetterSqlite3(file, { fileMustExist: true });
raw.pragma('query_only = ON');
raw.pragma('busy_timeout = 5000');
raw.pragma('cache_size = -65536');
const statements = new Map<string, BetterSqlite3.Statement>();

serveCalls(({ sql, parameters }: ReadRequest) => {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = raw.prepare(sql)));
  return statement.all(...parameters);
});
