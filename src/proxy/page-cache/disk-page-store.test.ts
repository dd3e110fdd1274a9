import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { open } from 'lmdb';
import { captureLogs, tempDirs, testPage as page } from '../../testing/index.js';
import { DiskPageStore } from './disk-page-store.js';
import { encodePageRecord } from './page-record-codec.js';

const { log } = captureLogs();
const tempDir = tempDirs('yuletide-disk-page-store-');

const open1MiB = (dir: string): DiskPageStore =>
  new DiskPageStore({ path: dir, maxBytes: 1024 * 1024, log });

/** A page whose record cannot be made: the commit it is in fails, as on a full disk. */
function unwritable(url: string, tag: string) {
  const broken = page(url, 10, tag);
  broken.toRecord = () => {
    throw new Error('disk on fire');
  };
  return broken;
}

describe('disk page store commits', () => {
  it('writes the pages of many moments in one commit, within a moment, unasked', async () => {
    const dir = tempDir();
    const store = open1MiB(dir);
    const reader = open({ path: dir, maxDbs: 8 }).openDB<Buffer, string>({
      name: 'pages',
      encoding: 'binary',
    });
    try {
      store.set('/p/1', page('/p/1', 10, 'p1'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      store.set('/p/2', page('/p/2', 10, 'p2'));
      assert.equal(reader.get('/p/1'), undefined, 'not committed yet');
      assert.equal(store.get('/p/1')?.body.toString(), 'x'.repeat(10), 'answered meanwhile');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.ok(reader.get('/p/1') && reader.get('/p/2'), 'both committed');
    } finally {
      await store.close();
    }
  });

  it('drops the pages of a commit that fails, says so once, and goes on', async () => {
    const dir = tempDir();
    const capture = captureLogs();
    const store = new DiskPageStore({ path: dir, maxBytes: 1024 * 1024, log: capture.log });
    store.set('/p/1', page('/p/1', 10, 'p1'));
    store.set('/p/2', unwritable('/p/2', 'p2'));
    await store.flush();
    assert.equal(store.get('/p/1'), undefined, 'the whole commit is dropped');
    assert.equal(store.get('/p/2'), undefined);
    assert.equal(store.size, 0);
    assert.equal(store.purgeTag('p1'), 0);
    const warnings = capture
      .lines()
      .filter((line) => line['msg'] === 'page cache write failed; its pages are dropped');
    assert.equal(warnings.length, 1);
    store.set('/p/3', page('/p/3', 10, 'p3'));
    await store.close();
    const reopened = open1MiB(dir);
    try {
      assert.equal(reopened.size, 1);
      assert.equal(reopened.get('/p/3')?.body.toString(), 'x'.repeat(10));
      assert.equal(reopened.get('/p/1'), undefined);
    } finally {
      await reopened.close();
    }
  });

  it('keeps a purged page purged when the commit of its removal fails, and removes it later', async () => {
    const dir = tempDir();
    const store = open1MiB(dir);
    store.set('/p/1', page('/p/1', 10, 'p1'));
    await store.flush();
    assert.equal(store.purgeTag('p1'), 1);
    store.set('/p/2', unwritable('/p/2', 'p2'));
    await store.flush();
    assert.equal(store.get('/p/1'), undefined, 'the purge holds though LMDB still has the page');
    assert.equal(store.size, 0);
    await store.close();
    const reopened = open1MiB(dir);
    try {
      assert.equal(reopened.get('/p/1'), undefined, 'the removal was committed at last');
      assert.equal(reopened.size, 0);
    } finally {
      await reopened.close();
    }
  });
});

describe('disk page store across restarts', () => {
  it('finds pages, their tags and their freshness after it is closed and opened again', async () => {
    const dir = tempDir();
    const first = open1MiB(dir);
    first.set('/p/3', page('/p/3', 10, 'p3', 'z'));
    first.set('/p/4', page('/p/4', 10, 'p4'));
    first.set('/p/5', page('/p/5', 10, 'p5'));
    first.delete('/p/5');
    await first.close();

    const second = open1MiB(dir);
    try {
      const found = second.get('/p/3');
      assert.equal(found?.body.toString(), 'z'.repeat(10));
      assert.ok(found.policy && !found.policy.stale(), 'still fresh');
      assert.ok(found.freshUntil > Date.now());
      assert.equal(second.get('/p/5'), undefined);
      assert.equal(second.size, 2);
      assert.equal(second.purgeTag('p4'), 1);
      assert.equal(second.get('/p/4'), undefined);
    } finally {
      await second.close();
    }
  });

  it('treats a page an older version stored (msgpack) as a miss, and stores it anew', async () => {
    const dir = tempDir();
    const old = open({ path: dir, maxDbs: 4 });
    await old.openDB({ name: 'pages', encoding: 'msgpack' }).put('/p/7', {
      format: 1,
      key: '/p/7',
      status: 200,
      headers: {},
      body: Buffer.from('old'),
      tags: ['p7'],
    });
    await old.openDB({ name: 'order', encoding: 'msgpack' }).put(1, {
      key: '/p/7',
      bytes: 600,
      tags: ['p7'],
    });
    await old.close();
    const store = open1MiB(dir);
    try {
      assert.equal(store.size, 1);
      assert.equal(store.get('/p/7'), undefined);
      assert.equal(store.size, 0, 'dropped from the index');
      store.set('/p/7', page('/p/7', 10, 'p7', 'n'));
      assert.equal(store.get('/p/7')?.body.toString(), 'n'.repeat(10));
    } finally {
      await store.close();
    }
  });

  it('starts empty over a store it cannot open', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'data.mdb'), 'not an LMDB file at all'.repeat(500));
    const store = open1MiB(dir);
    try {
      assert.equal(store.size, 0);
      store.set('/p/1', page('/p/1'));
      assert.ok(store.get('/p/1'));
    } finally {
      await store.close();
    }
  });
});

describe('disk page store index', () => {
  it('evicts the oldest writes once they have committed, and counts the same after a restart', async () => {
    const dir = tempDir();
    const store = new DiskPageStore({ path: dir, maxBytes: 200_000, log });
    for (let i = 0; i < 30; i++) {
      store.set(`/p/${i}`, page(`/p/${i}`, 20_000));
      await store.flush();
    }
    const { size, bytes } = store;
    assert.ok(bytes <= 200_000 && size >= 8, `holds ${size} pages, ${bytes} bytes`);
    assert.equal(store.get('/p/20'), undefined, 'an old page is evicted');
    assert.ok(store.get('/p/29'), 'the newest page is kept');
    await store.close();

    const reopened = new DiskPageStore({ path: dir, maxBytes: 200_000, log });
    try {
      assert.deepEqual([reopened.size, reopened.bytes], [size, bytes]);
      reopened.set('/p/30', page('/p/30', 20_000));
      assert.ok(reopened.bytes <= 200_000);
      assert.equal(reopened.get('/p/29')?.key, '/p/29');
    } finally {
      await reopened.close();
    }
  });

  it('purges by the tags a page has now, before and after its rewrite commits', async () => {
    const store = open1MiB(tempDir());
    try {
      store.set('/a', page('/a', 10, 'p1'));
      await store.flush();
      store.set('/a', page('/a', 10, 'p2'));
      assert.equal(store.purgeTag('p1'), 0, 'the rewrite dropped p1');
      assert.ok(store.get('/a'));
      await store.flush();
      assert.equal(store.purgeTag('p1'), 0);
      assert.equal(store.purgeTag('p2'), 1);
      assert.equal(store.get('/a'), undefined);
    } finally {
      await store.close();
    }
  });

  it('keeps long tags and purges by them', () => {
    const store = open1MiB(tempDir());
    const tag = `t${'x'.repeat(3000)}`;
    store.set('/long', page('/long', 10, `${tag} p1`));
    assert.equal(store.purgeTag(tag), 1);
    assert.equal(store.get('/long'), undefined);
    return store.close();
  });

  it('opens a store an older version wrote (index in memory), counting a rewritten page once', async () => {
    const dir = tempDir();
    const old = open({ path: dir, maxDbs: 4 });
    const pages = old.openDB({ name: 'pages', encoding: 'binary' });
    const order = old.openDB({ name: 'order', encoding: 'msgpack' });
    const first = page('/p/1', 10, 'p1 c1', 'a');
    const second = page('/p/1', 10, 'p1 c1', 'b');
    const other = page('/p/2', 10, 'p2 c1', 'c');
    await pages.put('/p/1', encodePageRecord(second.toRecord()));
    await pages.put('/p/2', encodePageRecord(other.toRecord()));
    await order.put(1, { key: '/p/1', bytes: first.bytes, tags: first.tags });
    await order.put(2, { key: '/p/2', bytes: other.bytes, tags: other.tags });
    await order.put(3, { key: '/p/1', bytes: second.bytes, tags: second.tags });
    await old.close();

    const store = open1MiB(dir);
    try {
      assert.deepEqual([store.size, store.bytes], [2, second.bytes + other.bytes]);
      assert.equal(store.get('/p/1')?.body.toString(), 'b'.repeat(10));
      assert.equal(store.purgeTag('c1'), 2);
      assert.deepEqual([store.size, store.bytes], [0, 0]);
    } finally {
      await store.close();
    }
  });
});
