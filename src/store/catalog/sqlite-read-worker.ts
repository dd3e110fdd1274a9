// The thread behind `SqliteReadThread`: its own connection to the SQLite file, read-only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

/** A query to run, as `SqliteReadThread` posts it. */
export interface ReadRequest {
  readonly id: number;
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** Its rows, or the message of the error it raised. */
export type ReadReply =
  | { readonly id: number; readonly rows: unknown[] }
  | { readonly id: number; readonly error: string };

const port = parentPort!;
const { file, nice } = workerData as { file: string; nice: number };
if (nice > 0) {
  // Linux schedules each thread on its own (/proc/thread-self names this one): a lowered thread
  // takes the cores' spare time first, not the share of the proxy and the event loops that
  // answer everyone else. Elsewhere the thread keeps its priority.
  try {
    os.setPriority(Number(path.basename(fs.readlinkSync('/proc/thread-self'))), nice);
  } catch {
    // Not Linux, or not allowed: run at the process's priority.
  }
}
const raw = new BetterSqlite3(file, { fileMustExist: true });
raw.pragma('query_only = ON');
raw.pragma('busy_timeout = 5000');
raw.pragma('cache_size = -65536');
const statements = new Map<string, BetterSqlite3.Statement>();

port.on('message', ({ id, sql, parameters }: ReadRequest) => {
  let reply: ReadReply;
  try {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = raw.prepare(sql)));
    reply = { id, rows: statement.all(...parameters) };
  } catch (error) {
    reply = { id, error: (error as Error).message };
  }
  port.postMessage(reply);
});
