import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LmdbStore } from '../../src/framework/index.js';
import { captureLogs, LMDB_WRITER, writerChecksum } from '../../src/testing/index.js';

/**
 * Numbers the second writer's values from here, so a value shows which writer wrote it. A writer
 * puts value n under key `k${n % 5000}`: from here its keys start at k2500, clear of the first
 * writer's for 2.5 s — on shared keys, two writers in step would overwrite each other's every value.
 */
const SECOND = 1_002_500;

/** Starts the LMDB writer on `dir`; resolves once its store is open and it writes. */
async function startWriter(dir: string, start: number, openTimeoutMs?: number) {
  const args = [LMDB_WRITER, dir, String(start)];
  if (openTimeoutMs !== undefined) args.push(String(openTimeoutMs));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  return {
    kill: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/** The writer's values that `store` holds, each checked. */
function writtenValues(store: LmdbStore): { n: number; check: string }[] {
  const values: { n: number; check: string }[] = [];
  for (let k = 0; k < 5000; k++) {
    const value = store.get(`k${k}`)?.value as { n: number; check: string } | undefined;
    if (!value) continue;
    assert.equal(value.check, writerChecksum(value.n));
    values.push(value);
  }
  return values;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-shared-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('object cache shared by the processes of a host (LMDB)', () => {
  it('never replaces a store that a live process opened and uses, even when a probe would time out', async (t) => {
    const dir = tempDir(t);
    const writer = await startWriter(dir, 0);
    t.after(() => writer.kill());
    await sleep(200);
    // A probe limit of 1 ms stands for a host so loaded that no probe finishes in time.
    const { log, lines } = captureLogs();
    const store = new LmdbStore({ path: dir, maxEntries: 1_000_000, log, openTimeoutMs: 1 });
    t.after(() => store.close());
    assert.equal(
      lines().filter((line) => /did not open cleanly/.test(String(line['msg']))).length,
      0,
      'the store in use was kept',
    );
    assert.ok(store.size() > 0, 'what the writer wrote is there');
    const newest = () => Math.max(...writtenValues(store).map((value) => value.n));
    const earlier = newest();
    await sleep(300);
    assert.ok(newest() > earlier, 'the writer still writes into the store this process reads');
  });

  it('lets two processes that open a store together share it, even when probes time out', async (t) => {
    const dir = tempDir(t);
    // A store left behind, so that opening it means probing it.
    const old = new LmdbStore({ path: dir, maxEntries: 1000, log: captureLogs().log });
    old.set('old', { value: 1, version: 1, expiresAt: Date.now() + 60_000 });
    await old.close();
    const writers = await Promise.all([startWriter(dir, 0, 1), startWriter(dir, SECOND, 1)]);
    t.after(() => Promise.all(writers.map((writer) => writer.kill())));
    await sleep(500);
    const store = new LmdbStore({ path: dir, maxEntries: 1_000_000, log: captureLogs().log });
    t.after(() => store.close());
    const writersSeen = new Set(writtenValues(store).map((value) => (value.n >= SECOND ? 2 : 1)));
    assert.deepEqual([...writersSeen].sort(), [1, 2], 'both writers write into one store');
  });

  it('still probes, and replaces when broken, a store whose last user was killed', async (t) => {
    const dir = tempDir(t);
    const writer = await startWriter(dir, 0);
    await sleep(200);
    await writer.kill();
    fs.writeFileSync(path.join(dir, 'data.mdb'), Buffer.alloc(64 * 1024, 0x5a));
    const { log, lines } = captureLogs();
    const opening = performance.now();
    const store = new LmdbStore({ path: dir, maxEntries: 1000, log });
    t.after(() => store.close());
    assert.ok(performance.now() - opening < 1000, 'detected and replaced within a second');
    assert.ok(lines().some((line) => /did not open cleanly/.test(String(line['msg']))));
    assert.equal(store.size(), 0);
  });
});
