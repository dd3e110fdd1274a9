import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LmdbStore } from '../../src/framework/index.js';
import { captureLogs, LMDB_WRITER, writerChecksum } from '../../src/testing/index.js';

const ROUNDS = 20;

/** Starts the writer and kill -9s it once it has written for `ms` milliseconds. */
async function writeThenKill(dir: string, start: number, ms: number): Promise<void> {
  const child = spawn(process.execPath, [LMDB_WRITER, dir, String(start)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, ms));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('object cache after kill -9 (LMDB)', () => {
  it(`reopens in under a second with every value right or a miss, ${ROUNDS} times over`, async (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-crash-'));
    try {
      let checked = 0;
      const reopenMs: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        await writeThenKill(dir, round * 100_000, 150 + ((round * 37) % 200));
        const started = performance.now();
        const store = new LmdbStore({ path: dir, maxEntries: 1_000_000, log: captureLogs().log });
        const openMs = performance.now() - started;
        reopenMs.push(openMs);
        assert.ok(openMs < 1000, `round ${round}: reopened in ${openMs.toFixed(0)} ms`);
        for (let k = 0; k < 5000; k++) {
          const entry = store.get(`k${k}`);
          if (entry === undefined) continue;
          const value = entry.value as { n: number; check: string };
          assert.equal(value.check, writerChecksum(value.n), `round ${round}: k${k} is intact`);
          assert.equal(value.n % 5000, k);
          checked++;
        }
        await store.close();
      }
      assert.ok(checked > ROUNDS * 100, `read back ${checked} values`);
      t.diagnostic(`reopen ms, round by round: ${reopenMs.map((ms) => ms.toFixed(0)).join(' ')}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
