import { describe, it, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open } from 'lmdb';
import { captureLogs } from '../../../testing/index.js';
import type { CacheStore } from './cache-store.js';
import { MemoryStore } from './memory-store.js';
import { LmdbStore } from './lmdb-store.js';

const entry = (value: unknown, version = 1) => ({ value, version, expiresAt: Date.now() + 60_000 });

const STORES: { name: string; make(dir: string, maxEntries: number): CacheStore }[] = [
  { name: 'memory', make: (_dir, maxEntries) => new MemoryStore({ maxEntries }) },
  {
    name: 'lmdb',
    make: (dir, maxEntries) => new LmdbStore({ path: dir, maxEntries, log: captureLogs().log }),
  },
];

for (const kind of STORES) {
  describe(`cache store contract (${kind.name})`, () => {
    let dir: string;
    let store: CacheStore;
    const settle = () => (store instanceof LmdbStore ? store.flushed() : Promise.resolve(true));

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-store-'));
      store = kind.make(dir, 1000);
    });
    afterEach(async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('returns what was set, and nothing for an absent key', async () => {
      store.set('product:1:price', entry({ priceCents: 1999 }, 7));
      await settle();
      assert.deepEqual(store.get('product:1:price')?.value, { priceCents: 1999 });
      assert.equal(store.get('product:1:price')?.version, 7);
      assert.equal(store.get('product:2:price'), undefined);
    });

    it('deletes one key, a prefix, or everything', async () => {
      for (const key of ['product:1:core', 'product:1:price', 'product:12:core', 'listing:x'])
        store.set(key, entry(key));
      await settle();
      store.delete('listing:x');
      store.deletePrefix('product:1:');
      await settle();
      assert.equal(store.get('product:1:core'), undefined);
      assert.equal(store.get('product:1:price'), undefined);
      assert.equal(store.get('product:12:core')?.value, 'product:12:core');
      assert.equal(store.get('listing:x'), undefined);
      store.clear();
      await settle();
      assert.equal(store.size(), 0);
    });
  });
}

describe('MemoryStore', () => {
  it('evicts the least recently used entry when full', () => {
    const store = new MemoryStore({ maxEntries: 2 });
    store.set('a', entry(1));
    store.set('b', entry(2));
    store.get('a');
    store.set('c', entry(3));
    assert.equal(store.get('b'), undefined);
    assert.equal(store.get('a')?.value, 1);
    assert.equal(store.size(), 2);
  });

  it('evicts in order after deletes, a clear, and entries re-set', () => {
    const store = new MemoryStore({ maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) store.set(key, entry(1));
    store.delete('c');
    store.set('d', entry(2));
    store.set('b', entry(3));
    store.set('e', entry(4));
    assert.deepEqual(
      ['b', 'd', 'e'].map((key) => store.get(key)?.value),
      [3, undefined, 4],
    );
    store.clear();
    for (const key of ['f', 'g', 'h']) store.set(key, entry(5));
    assert.deepEqual(
      ['f', 'g', 'h'].map((key) => store.get(key)?.value),
      [undefined, 5, 5],
    );
  });

  it('keeps entries that are read often through a stream of new ones', () => {
    const store = new MemoryStore({ maxEntries: 100 });
    for (let i = 0; i < 10; i++) store.set(`hot${i}`, entry(i));
    for (let i = 0; i < 1000; i++) {
      store.set(`cold${i}`, entry(i));
      for (let h = 0; h < 10; h++) assert.equal(store.get(`hot${h}`)?.value, h, `hot${h} at ${i}`);
    }
    assert.equal(store.get('cold0'), undefined);
    assert.equal(store.size(), 100);
  });
});

describe('LmdbStore', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-lmdb-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('treats a value that is not an entry, or does not decode, as a miss', async () => {
    const raw = open<unknown, string>({ path: dir, encoding: 'msgpack' });
    await raw.put('not-an-entry', { hello: 'world' });
    await raw.close();
    const binary = open<Buffer, string>({ path: dir, encoding: 'binary' });
    // 0xc1 is never used in msgpack: the bytes cannot decode.
    await binary.put('garbage', Buffer.from([0xc1, 0xc1, 0xff]));
    await binary.close();
    const store = new LmdbStore({ path: dir, maxEntries: 100, log: captureLogs().log });
    assert.equal(store.get('not-an-entry'), undefined);
    assert.equal(store.get('garbage'), undefined);
    await store.close();
  });

  it('replaces a store that does not open cleanly, within a second', async () => {
    const first = new LmdbStore({ path: dir, maxEntries: 100, log: captureLogs().log });
    first.set('k', entry('v'));
    await first.close();
    fs.writeFileSync(path.join(dir, 'data.mdb'), Buffer.alloc(64 * 1024, 0x5a));
    const { log, lines } = captureLogs();
    const started = performance.now();
    const store = new LmdbStore({ path: dir, maxEntries: 100, log });
    assert.ok(performance.now() - started < 1000, 'detected and replaced within a second');
    assert.equal(store.get('k'), undefined);
    store.set('k2', entry('v2'));
    await store.flushed();
    assert.equal(store.get('k2')?.value, 'v2');
    assert.ok(lines().some((line) => /did not open cleanly/.test(String(line['msg']))));
    await store.close();
  });

  it('replaces a store whose pages cannot be read, found by reading it in a child process', async () => {
    const first = new LmdbStore({ path: dir, maxEntries: 10_000, log: captureLogs().log });
    for (let i = 0; i < 2000; i++) first.set(`k${i}`, entry({ i, pad: 'x'.repeat(100) }));
    await first.close();
    // The meta pages (the first two) stay intact, so the store opens; the pages they point to do not.
    const file = path.join(dir, 'data.mdb');
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(size - 8192, 0x5a), 0, size - 8192, 8192);
    fs.closeSync(fd);
    const { log, lines } = captureLogs();
    const store = new LmdbStore({ path: dir, maxEntries: 100, log });
    assert.ok(lines().some((line) => line['verdict'] === 'broken'));
    assert.equal(store.get('k1'), undefined);
    await store.close();
  });

  it('sweeps down to its bound when full instead of failing writes', async () => {
    const store = new LmdbStore({ path: dir, maxEntries: 50, log: captureLogs().log });
    for (let i = 0; i < 200; i++)
      store.set(`k${i}`, { value: i, version: 1, expiresAt: i < 100 ? 1 : Date.now() + 60_000 });
    await store.flushed();
    assert.equal(store.size(), 200);
    await store.sweep();
    assert.ok(store.size() <= 50, `size ${store.size()} after sweeping`);
    store.set('after', entry('still writable'));
    await store.flushed();
    assert.equal(store.get('after')?.value, 'still writable');
    await store.close();
  });
});
