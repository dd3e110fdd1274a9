// A thread that loads or builds an index, so the daemon keeps answering meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/index.js';
import { lowerThisThread } from '../shared/index.js';
import { loadOrBuild, type LoadedIndex } from './index-loader.js';
import { readSnapshot } from './snapshot.js';
import type { BuildRequest, BuildReply } from './build-thread.js';

const request = workerData as BuildRequest;
const port = parentPort!;

if (request.lowPriority) lowerThisThread(19);

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
