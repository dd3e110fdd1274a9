import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { captureLogs, tempDirs, testPage as page } from '../../testing/index.js';
import { DiskPageStore } from './disk-page-store.js';
import { MemoryPageStore } from './memory-page-store.js';
import type { PageStore } from './page-store.js';
import { TieredPageStore } from './tiered-page-store.js';

const { log } = captureLogs();
const tempDir = tempDirs('yuletide-page-store-');

interface Implementation {
  readonly name: string;
  /** A new, empty store of at most `maxBytes`. */
  create(maxBytes: number): PageStore;
  /** How many pages may be evicted out of least-recent order (the disk evicts oldest writes). */
  readonly evictsByRecency: boolean;
}

const IMPLEMENTATIONS: Implementation[] = [
  {
    name: 'memory',
    create: (maxBytes) => new MemoryPageStore({ maxBytes }),
    evictsByRecency: true,
  },
  {
    name: 'disk (LMDB)',
    create: (maxBytes) => new DiskPageStore({ path: tempDir(), maxBytes, log }),
    evictsByRecency: false,
  },
  {
    name: 'memory over disk',
    create: (maxBytes) =>
      new TieredPageStore(
        new MemoryPageStore({ maxBytes }),
        new DiskPageStore({ path: tempDir(), maxBytes, log }),
      ),
    evictsByRecency: false,
  },
];

for (const implementation of IMPLEMENTATIONS) {
  describe(`page store contract: ${implementation.name}`, () => {
    let store: PageStore;
    before(() => {
      store = implementation.create(1024 * 1024);
    });
    after(() => store.close());

    it('returns a page set under a key, with its body, status and headers', () => {
      store.set('/p/1', page('/p/1', 10, 'p1', 'a'));
      const found = store.get('/p/1');
      assert.ok(found);
      assert.equal(found.status, 200);
      assert.equal(found.body.toString(), 'a'.repeat(10));
      assert.equal(found.headers['content-type'], 'text/html');
      assert.equal(store.get('/p/none'), undefined);
    });

    it('replaces a page set twice under one key, counting it once', () => {
      store.set('/twice', page('/twice', 10, 'p1', 'a'));
      store.set('/twice', page('/twice', 10, 'p1', 'b'));
      assert.equal(store.get('/twice')?.body.toString(), 'b'.repeat(10));
      const bytes = store.bytes;
      store.set('/twice', page('/twice', 10, 'p1', 'c'));
      assert.equal(store.bytes, bytes);
    });

    it('forgets a deleted page at once, and reports whether there was one', () => {
      store.set('/gone', page('/gone'));
      assert.equal(store.delete('/gone'), true);
      assert.equal(store.get('/gone'), undefined);
      assert.equal(store.delete('/gone'), false);
    });

    it('purges every page with a surrogate key, and only those', () => {
      store.set('/p/7', page('/p/7', 10, 'p7 c2'));
      store.set('/c/2', page('/c/2', 10, 'c2 p8'));
      store.set('/p/8', page('/p/8', 10, 'p8'));
      assert.equal(store.purgeTag('c2'), 2);
      assert.equal(store.get('/p/7'), undefined);
      assert.equal(store.get('/c/2'), undefined);
      assert.ok(store.get('/p/8'));
      assert.equal(store.purgeTag('c2'), 0);
    });

    it('keeps long keys, such as URLs with long queries', () => {
      const key = `/search?q=${'toy '.repeat(1000)}`;
      store.set(key, page(key));
      assert.equal(store.get(key)?.key, key);
      assert.equal(store.get(`${key}x`), undefined);
    });

    it('stays within its byte bound, evicting the oldest (or least recently read) pages', async () => {
      const small = implementation.create(200_000);
      try {
        for (let i = 0; i < 12; i++) {
          small.set(`/p/${i}`, page(`/p/${i}`, 20_000));
          // Reading page 0 keeps it recent in a store that evicts by recency.
          small.get('/p/0');
        }
        assert.ok(small.bytes <= 200_000, `holds ${small.bytes} bytes`);
        assert.ok(small.size <= 9 && small.size >= 8, `holds ${small.size} pages`);
        assert.ok(small.get('/p/11'), 'the newest page is kept');
        assert.equal(small.get('/p/1'), undefined, 'an old page is evicted');
        if (implementation.evictsByRecency) assert.ok(small.get('/p/0'), 'a page read is kept');
      } finally {
        await small.close();
      }
    });

    it('refuses a page larger than an eighth of the store', () => {
      const before = store.size;
      store.set('/huge', page('/huge', 200_000));
      assert.equal(store.get('/huge'), undefined);
      assert.equal(store.size, before);
    });
  });
}
