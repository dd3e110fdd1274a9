// A thread that loads or builds an index, so the daemon keeps answering meanwhile.
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/index.js';
import { loadOrBuild, type LoadedIndex } from './index-loader.js';
import { lowerThreadPriority } from './low-priority.js';
import { readSnapshot } from './snapshot.js';
import type { BuildRequest, BuildReply } from './build-thread.js';

const request = workerData as BuildRequest;
const port = parentPort!;

if (request.lowPriority) {
  // Linux schedules threads separately: /proc/thread-self names this one's task id. Elsewhere
  // there is no such file, and the thread competes on equal terms.
  try {
    const tid = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
    if (Number.isSafeInteger(tid) && tid > 0) lowerThreadPriority(tid);
  } catch {
    // Not Linux.
  }
}

try {
  const { index, ...rest } = await load();
  port.postMessage({
    type: 'done',
    buffer: index.buffer,
    meta: index.meta,
    ...rest,
  } satisfies BuildReply);
} catch (error) {
  port.postMessage({
    type: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  } satisfies BuildReply);
}

async function load(): Promise<LoadedIndex> {
  if (request.mode === 'read-snapshot') {
    const started = performance.now();
    const { index } = readSnapshot(request.snapshot);
    return { index, source: 'snapshot', millis: performance.now() - started };
  }
  const database = openDatabase(request.databaseUrl, { maxConnections: 1 });
  try {
    let reported = 0;
    return await loadOrBuild(database, {
      snapshot: request.snapshot,
      useSnapshot: true,
      onProgress: (products) => {
        if (products - reported >= 100_000) {
          reported = products;
          port.postMessage({ type: 'progress', products } satisfies BuildReply);
        }
      },
    });
  } finally {
    await database.close();
  }
}
