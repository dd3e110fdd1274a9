// A child process for the object-cache tests: writes entries whose values check themselves, about
// 1,000 a second, into the LMDB store at argv[2] (values numbered from argv[3]; argv[4], if given,
// is the store's openTimeoutMs), until it is killed. Run as a script only.
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
  const openTimeoutMs = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
  const store = new LmdbStore({ path: process.argv[2], maxEntries: 1_000_000, log, openTimeoutMs });
  let n = Number(process.argv[3] ?? 0);
  setInterval(() => {
    for (let i = 0; i < 10; i++, n++) {
      const value = { n, check: writerChecksum(n), pad: 'x'.repeat(n % 700) };
      store.set(`k${n % 5000}`, { value, version: n, expiresAt: Date.now() + 60_000 });
    }
  }, 10);
  process.stdout.write('writing\n');
}
