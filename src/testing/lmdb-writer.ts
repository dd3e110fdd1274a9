// A child process for the crash test: writes entries whose values check themselves, as fast as
// about 1,000 a second, into the LMDB store at argv[2], until it is killed.
import { createHash } from 'node:crypto';
import { LmdbStore } from '../framework/index.js';
import { createLogger } from '../shared/index.js';

/** The checksum an entry written for `n` carries. */
export function checksum(n: number): string {
  return createHash('sha1').update(`entry ${n}`).digest('hex');
}

if (process.argv[2]) {
  const store = new LmdbStore({
    path: process.argv[2],
    maxEntries: 1_000_000,
    log: createLogger({ level: 'silent', role: 'test' }),
  });
  let n = Number(process.argv[3] ?? 0);
  setInterval(() => {
    for (let i = 0; i < 10; i++, n++) {
      store.set(`k${n % 5000}`, {
        value: { n, check: checksum(n), pad: 'x'.repeat(n % 700) },
        version: n,
        expiresAt: Date.now() + 60_000,
      });
    }
  }, 10);
  process.stdout.write('writing\n');
}
