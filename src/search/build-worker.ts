// A thread that loads or builds an index, so the daemon keeps answering meanwhile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/index.js';
import { loadOrBuild } from './index-loader.js';
import type { BuildRequest, BuildReply } from './build-thread.js';

const request = workerData as BuildRequest;
const port = parentPort!;

// Linux schedules threads separately: lowering this one's priority leaves the query threads the
// cores while a rebuild runs. /proc/thread-self names this thread's id; elsewhere this is skipped.
try {
  const tid = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
  if (Number.isSafeInteger(tid) && tid > 0) os.setPriority(tid, request.niceness);
} catch {
  // Not Linux, or not permitted: the build simply competes on equal terms.
}

const database = openDatabase(request.databaseUrl, { maxConnections: 1 });
try {
  let reported = 0;
  const loaded = await loadOrBuild(database, {
    snapshot: request.snapshot,
    useSnapshot: request.useSnapshot,
    onProgress: (products) => {
      if (products - reported >= 100_000) {
        reported = products;
        port.postMessage({ type: 'progress', products } satisfies BuildReply);
      }
    },
  });
  const { index, ...rest } = loaded;
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
} finally {
  await database.close();
}
