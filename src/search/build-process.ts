// The rebuilds behind `yuletide reindex`, in a process of its own at the lowest priority (see
// low-priority.ts and RebuildProcess): each builds the index from the database and writes it as
// the snapshot, paced, which the daemon then reads. A process rather than a thread, so that
// everything a build costs — its own thread, V8's garbage-collection helpers, its memory — yields
// to the query threads, and a build that runs out of memory takes only itself down. It waits for
// requests on stdin and answers on stdout, one JSON line each (BuildProcessRequest and
// BuildProcessReply), until stdin ends.
import readline from 'node:readline';
import { openDatabase } from '../db/index.js';
import { loadOrBuild } from './index-loader.js';
import type { BuildProcessReply, BuildProcessRequest } from './build-thread.js';

const say = (reply: BuildProcessReply) => process.stdout.write(`${JSON.stringify(reply)}\n`);

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  await build(JSON.parse(line) as BuildProcessRequest);
}

async function build(request: BuildProcessRequest): Promise<void> {
  const database = openDatabase(request.databaseUrl, { maxConnections: 1 });
  try {
    let reported = 0;
    const { index, millis, snapshotFailed } = await loadOrBuild(database, {
      snapshot: request.snapshot,
      useSnapshot: false,
      writeBytesPerSecond: request.writeBytesPerSecond,
      restShare: request.restShare,
      onProgress: (products) => {
        if (products - reported >= 100_000) {
          reported = products;
          say({ type: 'progress', products });
        }
      },
    });
    if (snapshotFailed === undefined) say({ type: 'done', products: index.meta.docs, millis });
    else say({ type: 'failed', message: `the new index could not be written: ${snapshotFailed}` });
  } catch (error) {
    say({
      type: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  } finally {
    await database.close();
  }
}
