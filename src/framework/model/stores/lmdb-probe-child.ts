// The child process of `probeStore`: opens and reads each LMDB store named on stdin (one JSON line
// `{"id","path"}` each) and answers on fd 3 with `<id> start`, then `<id> sound` or `<id> broken`.
// It stays for the next probe, and exits after a broken one, when idle, or when its parent goes.
// Run as a script only.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { open } from 'lmdb';
import { OPEN_OPTIONS } from './lmdb-options.js';

/** This script's compiled path, for spawning it. */
export const PROBE_CHILD = fileURLToPath(import.meta.url);

const ANSWERS = 3;
/** Idle children exit: a process opens its stores at start, then seldom again. */
const IDLE_MS = 10_000;
/** Values read back: enough to walk a few branch and leaf pages. */
const READ = 64;

if (process.argv[1] === PROBE_CHILD) {
  const idle = setTimeout(() => process.exit(0), IDLE_MS);
  let pending = '';
  let queue = Promise.resolve();
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    pending += chunk;
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n')) {
      const request = JSON.parse(pending.slice(0, end)) as { id: number; path: string };
      pending = pending.slice(end + 1);
      queue = queue.then(() => probe(request.id, request.path));
    }
    idle.refresh();
  });
  process.stdin.on('end', () => process.exit(0));

  async function probe(id: number, path: string): Promise<void> {
    fs.writeSync(ANSWERS, `${id} start\n`);
    try {
      const db = open<unknown, string>({ path, ...OPEN_OPTIONS });
      for (const { value } of db.getRange({ limit: READ })) void value;
      db.getCount();
      await db.close();
    } catch {
      fs.writeSync(ANSWERS, `${id} broken\n`);
      process.exit(1);
    }
    fs.writeSync(ANSWERS, `${id} sound\n`);
    idle.refresh();
  }
}
