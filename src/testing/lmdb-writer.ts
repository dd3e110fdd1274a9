// A child process for the crash test: writes entries whose values check themselves, about 1,000 a
// second, into the LMDB store at argv[2], until it is killed. Run as a script only.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { LmdbStore } from '../framework/index.js';
import { createLogger } from '../shared/index.js';

/** This script's compiled path, for `spawn(process.execPath, [LMDB_WRITER, dir, start])`. */
export const LMDB_WRITER = fileURLToPath(import.meta.url);

/** The checksum an entry written for `n` carries. */
export function writerChecksum(n: number): string {
  return createHash('sha1').update(`entry ${n}`).digest('hex');
}

if (process.argv[1] === LMDB_WRITER && process.argv[2]) {
  const log = createLogger({ level: 'silent', role: 'test' });
  const store = new LmdbStore({ path: process.argv[2], maxEntries: 1_000_000, log });
  let n = Number(process.argv[3] ?? 0);
  setInterval(() => {
    for (let i = 0; i < 10; i++, n++) {
      const value = { n, check: writerChecksum(n), pad: 'x'.repeat(n % 700) };
      store.set(`k${n % 5000}`, { value, version: n, expiresAt: Date.now() + 60_000 });
    }
  }, 10);
  process.stdout.write('writing\n');
}
