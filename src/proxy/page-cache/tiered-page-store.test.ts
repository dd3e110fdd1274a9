import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { captureLogs, tempDirs, testPage as page } from '../../testing/index.js';
import { DiskPageStore } from './disk-page-store.js';
import { MemoryPageStore } from './memory-page-store.js';
import { TieredPageStore } from './tiered-page-store.js';

const { log } = captureLogs();
const tempDir = tempDirs('yuletide-tiered-page-store-');

describe('memory over disk: what goes to disk', () => {
  function tiered(
    dir = tempDir(),
    options: { minUses?: number } = { minUses: 2 },
  ): { store: TieredPageStore; memory: MemoryPageStore; disk: DiskPageStore } {
    const memory = new MemoryPageStore({ maxBytes: 1024 * 1024 });
    const disk = new DiskPageStore({ path: dir, maxBytes: 1024 * 1024, log });
    return { store: new TieredPageStore(memory, disk, options), memory, disk };
  }

  it('writes after as many uses as minUses says: 1 at once, 3 on the second read', async () => {
    const once = tiered(tempDir(), { minUses: 1 });
    const thrice = tiered(tempDir(), { minUses: 3 });
    try {
      once.store.set('/p/1', page('/p/1', 10, 'p1', 'a', 'public, s-maxage=3600'));
      assert.ok(once.disk.get('/p/1'));
      thrice.store.set('/p/1', page('/p/1', 10, 'p1', 'a', 'public, s-maxage=3600'));
      thrice.store.get('/p/1');
      assert.equal(thrice.disk.get('/p/1'), undefined);
      thrice.store.get('/p/1');
      assert.ok(thrice.disk.get('/p/1'));
    } finally {
      await Promise.all([once.store.close(), thrice.store.close()]);
    }
  });

  it('with minUses 2, writes a page to disk on its second use, so a restart finds only pages asked again', async () => {
    const dir = tempDir();
    const { store, disk } = tiered(dir);
    store.set('/p/1', page('/p/1', 10, 'p1', 'a', 'public, s-maxage=3600'));
    store.set('/p/2', page('/p/2', 10, 'p2', 'b', 'public, s-maxage=3600'));
    assert.equal(disk.get('/p/1'), undefined, 'a page asked once stays in memory');
    assert.equal(store.get('/p/1')?.body.toString(), 'a'.repeat(10));
    assert.equal(disk.get('/p/1')?.body.toString(), 'a'.repeat(10), 'asked again: on disk');
    await store.close();

    const restarted = tiered(dir);
    try {
      assert.equal(restarted.store.get('/p/1')?.body.toString(), 'a'.repeat(10));
      assert.equal(restarted.store.get('/p/2'), undefined);
    } finally {
      await restarted.store.close();
    }
  });

  it('with minUses 2, rewrites a page that is on disk at once when it is set again (a revalidation)', async () => {
    const { store, disk } = tiered();
    try {
      store.set('/p/1', page('/p/1', 10, 'p1', 'a', 'public, s-maxage=3600'));
      store.get('/p/1');
      store.set('/p/1', page('/p/1', 10, 'p1', 'b', 'public, s-maxage=3600'));
      assert.equal(disk.get('/p/1')?.body.toString(), 'b'.repeat(10));
    } finally {
      await store.close();
    }
  });

  it('with minUses 2, writes a page at once when it is stored again after memory lost it', async () => {
    const { store, memory, disk } = tiered();
    try {
      store.set('/p/1', page('/p/1', 10, 'p1', 'a', 'public, s-maxage=3600'));
      memory.delete('/p/1'); // evicted before its second use
      assert.equal(store.get('/p/1'), undefined, 'it never reached disk: a miss');
      store.set('/p/1', page('/p/1', 10, 'p1', 'b', 'public, s-maxage=3600'));
      assert.equal(disk.get('/p/1')?.body.toString(), 'b'.repeat(10), 'its second store: on disk');
      store.set('/p/2', page('/p/2', 10, 'p2', 'c', 'public, s-maxage=3600'));
      assert.equal(disk.get('/p/2'), undefined, 'another page stored once stays in memory');
    } finally {
      await store.close();
    }
  });

  it('never writes a page deleted or purged before its second use', async () => {
    const { store, disk } = tiered();
    try {
      store.set('/p/1', page('/p/1', 10, 'p1', 'a', 'public, s-maxage=3600'));
      store.set('/p/2', page('/p/2', 10, 'p2', 'b', 'public, s-maxage=3600'));
      store.delete('/p/1');
      store.purgeTag('p2');
      assert.equal(store.get('/p/1'), undefined);
      assert.equal(store.get('/p/2'), undefined);
      assert.equal(disk.size, 0);
    } finally {
      await store.close();
    }
  });

  it('keeps short-lived pages in memory only, and drops an older copy from disk', async () => {
    const { store, disk } = tiered();
    try {
      store.set('/p/1', page('/p/1', 10, 'p1', 'a', 'public, s-maxage=3600'));
      store.set('/p/2', page('/p/2', 10, 'p2', 'b', 'public, s-maxage=15'));
      store.set('/p/3', page('/p/3', 10, 'p3', 'c', 'public, s-maxage=15, stale-if-error=600'));
      for (const key of ['/p/1', '/p/2', '/p/3']) store.get(key);
      assert.equal(disk.get('/p/1')?.body.toString(), 'a'.repeat(10));
      assert.equal(disk.get('/p/2'), undefined, 'a 15 s page is not written to disk');
      assert.ok(disk.get('/p/3'), 'stale-if-error makes a page worth keeping');
      assert.equal(store.get('/p/2')?.body.toString(), 'b'.repeat(10), 'but it is served');
      store.set('/p/1', page('/p/1', 10, 'p1', 'd', 'public, s-maxage=15'));
      assert.equal(disk.get('/p/1'), undefined, 'the long-lived copy on disk is gone');
      assert.equal(store.get('/p/1')?.body.toString(), 'd'.repeat(10));
    } finally {
      await store.close();
    }
  });
});
