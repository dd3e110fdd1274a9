import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { objectCacheLookups } from './cache-metrics.js';
import { Freshness } from './freshness.js';
import { ObjectCache } from './object-cache.js';
import { PartitionedModel, type Versioned } from './partitioned-model.js';
import { MemoryStore } from './stores/memory-store.js';
import type { CacheStore } from './stores/cache-store.js';
import { ModelInputError, UnknownPartError } from '../errors.js';

interface Toy {
  core: { name: string };
  price: { cents: number };
}

function model(
  cache = new ObjectCache(new MemoryStore({ maxEntries: 100 })),
  refreshAfter?: number,
  pageTtlSeconds?: { price?: number },
) {
  const fetches: { ids: readonly number[]; parts: readonly (keyof Toy)[] }[] = [];
  const toys = new PartitionedModel<Toy>({
    name: 'toy',
    ttlSeconds: { core: 3600, price: 300 },
    cache,
    surrogateKey: (id) => `t${id}`,
    refreshAfter,
    pageTtlSeconds,
    fetch: async (ids, parts) => {
      fetches.push({ ids, parts });
      const found = new Map<
        number,
        { core?: Versioned<Toy['core']>; price?: Versioned<Toy['price']> }
      >();
      for (const id of ids.filter((id) => id < 100)) {
        found.set(id, {
          core: { value: { name: `toy ${id}` }, version: id },
          price: { value: { cents: id * 100 }, version: id },
        });
      }
      return found;
    },
  });
  return { toys, fetches, cache };
}

/** Simulated time from 1,000,000 ms: `advance` moves Date.now and runs the timers due on the way. */
function simulatedTime(t: TestContext) {
  t.mock.timers.enable({ apis: ['Date', 'setInterval'], now: 1_000_000 });
  return {
    async advance(ms: number): Promise<void> {
      for (let done = 0; done < ms; done += 100) {
        t.mock.timers.tick(Math.min(100, ms - done));
        // Let what the timers started (looks at the database, refreshes) finish.
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

/** A toy model with a change sync over `changedSince`; `fetches` lists the ids of each fetch. */
function syncedModel(
  changedSince: () => Promise<{ id: number; version: number }[]>,
  options: { ttl: number; everyMs: number; marginMs?: number; refreshAfter?: number },
) {
  const fetches: number[][] = [];
  const toys = new PartitionedModel<Toy>({
    name: 'toy',
    ttlSeconds: { core: options.ttl, price: options.ttl },
    cache: new ObjectCache(new MemoryStore({ maxEntries: 100 })),
    surrogateKey: (id) => `t${id}`,
    refreshAfter: options.refreshAfter,
    sync: { changedSince, everyMs: options.everyMs, marginMs: options.marginMs },
    fetch: async (ids) => {
      fetches.push([...ids]);
      return new Map(ids.map((id) => [id, { price: { value: { cents: id }, version: 1 } }]));
    },
  });
  return { toys, fetches };
}

describe('PartitionedModel', () => {
  it('loads only the parts asked for, fetching every miss in one round trip', async () => {
    const { toys, fetches } = model();
    const first = await toys.loadMany([1, 2, 3], ['price']);
    assert.deepEqual(first.get(2), { price: { cents: 200 } });
    assert.deepEqual(fetches, [{ ids: [1, 2, 3], parts: ['price'] }]);
    const second = await toys.loadMany([1, 2, 3, 4], ['core', 'price']);
    assert.deepEqual(second.get(4), { core: { name: 'toy 4' }, price: { cents: 400 } });
    assert.equal(fetches.length, 2);
    assert.deepEqual(fetches[1], { ids: [1, 2, 3, 4], parts: ['core', 'price'] });
    await toys.loadMany([1, 2, 3, 4], ['core', 'price']);
    assert.equal(fetches.length, 2, 'everything now comes from the cache');
  });

  it('leaves out ids that do not exist', async () => {
    const { toys } = model();
    assert.equal(await toys.load(500, ['core']), undefined);
    assert.deepEqual([...(await toys.loadMany([1, 500], ['core'])).keys()], [1]);
  });

  it('reports the shortest remaining time-to-live and newest version to the page', async () => {
    const { toys } = model();
    const freshness = new Freshness();
    await toys.loadMany([3, 7], ['core', 'price'], freshness);
    assert.equal(freshness.maxAge(60), 300);
    assert.equal(freshness.lastModified, 7);
    assert.deepEqual([...freshness.keys], ['t3', 't7']);
  });

  it('lets a page outlive a part that purges its pages, from the database and from the cache', async () => {
    const { toys } = model(undefined, undefined, { price: 1800 });
    for (const read of ['database', 'cache']) {
      const freshness = new Freshness();
      await toys.loadMany([3], ['core', 'price'], freshness);
      assert.equal(freshness.maxAge(60), 1800, read);
      assert.deepEqual([...freshness.keys], ['t3'], read);
    }
  });

  it('fetches again after invalidate', async () => {
    const { toys, fetches } = model();
    await toys.load(1, ['core']);
    toys.invalidate(1);
    await toys.load(1, ['core']);
    assert.equal(fetches.length, 2);
  });

  it('counts lookups by part, tier and result on the metrics counter', async () => {
    const memory = new MemoryStore({ maxEntries: 100 });
    const cache = new ObjectCache(memory, new MemoryStore({ maxEntries: 100 }));
    const counted = new PartitionedModel<Toy>({
      name: 'counted',
      ttlSeconds: { core: 3600, price: 300 },
      cache,
      surrogateKey: (id) => `c${id}`,
      fetch: async (ids) =>
        new Map(ids.map((id) => [id, { price: { value: { cents: id }, version: 1 } }])),
    });
    await counted.load(1, ['price']); // memory and host miss, the database has it
    memory.clear();
    await counted.load(1, ['price']); // memory misses, the host tier hits
    await counted.load(1, ['price']); // memory hits
    const { values } = await objectCacheLookups.get();
    const count = (tier: string, result: string) =>
      values.find(
        (v) =>
          v.labels['model'] === 'counted' &&
          v.labels['part'] === 'price' &&
          v.labels['tier'] === tier &&
          v.labels['result'] === result,
      )?.value;
    assert.deepEqual(
      ['memory:hit', 'memory:miss', 'lmdb:hit', 'lmdb:miss', 'database:hit'].map((label) => {
        const [tier, result] = label.split(':') as [string, string];
        return `${label}=${count(tier, result)}`;
      }),
      ['memory:hit=1', 'memory:miss=2', 'lmdb:hit=1', 'lmdb:miss=1', 'database:hit=1'],
    );
  });

  it('answers an unknown part or a malformed id with a typed error', async () => {
    const { toys } = model();
    await assert.rejects(toys.load(1, ['colour' as keyof Toy]), UnknownPartError);
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 60])
      await assert.rejects(toys.load(bad, ['core']), ModelInputError);
  });

  it('keeps working, from the database, when a cache store throws', async () => {
    const broken: CacheStore = {
      get: () => {
        throw new Error('disk on fire');
      },
      set: () => {
        throw new Error('disk on fire');
      },
      delete: () => {
        throw new Error('disk on fire');
      },
      deletePrefix: () => undefined,
      deleteMany: () => undefined,
      clear: () => undefined,
      size: () => 0,
      close: async () => undefined,
    };
    const cache = new ObjectCache(new MemoryStore({ maxEntries: 10 }), broken);
    const { toys } = model(cache);
    assert.deepEqual(await toys.load(5, ['price']), { price: { cents: 500 } });
    toys.invalidate(5);
    assert.ok(cache.failures > 0);
  });

  it('refreshes parts read late in their life in one background round trip', async () => {
    const cache = new ObjectCache(new MemoryStore({ maxEntries: 100 }));
    const { toys, fetches } = model(cache, 0.75);
    try {
      const ids = [1, 2, 3, 4, 5];
      await toys.loadMany(ids, ['price']);
      // Age the entries to 90% of their life.
      for (const id of ids) {
        const key = `toy:${id}:price`;
        const entry = cache.get(key, Date.now())!.entry;
        cache.set(key, { ...entry, expiresAt: Date.now() + 30_000 });
      }
      await toys.loadMany(ids, ['price']);
      assert.equal(fetches.length, 1, 'the late reads were hits');
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(fetches.length, 2, 'one refresh round trip for all five');
      assert.deepEqual(fetches[1], { ids, parts: ['price'] });
      const renewed = cache.get('toy:3:price', Date.now())!.entry;
      assert.ok(
        renewed.expiresAt > Date.now() + 290_000,
        'the entry lives a whole time-to-live again',
      );
    } finally {
      toys.close();
    }
  });

  it('keeps serving entries past their expiry while every look at the database vouches for them', async () => {
    const cache = new ObjectCache(new MemoryStore({ maxEntries: 100 }));
    let changes: { id: number; version: number }[] = [];
    const fetches: number[][] = [];
    const toys = new PartitionedModel<Toy>({
      name: 'toy',
      ttlSeconds: { core: 1, price: 1 },
      cache,
      surrogateKey: (id) => `t${id}`,
      sync: { changedSince: async () => changes, everyMs: 60_000 },
      fetch: async (ids) => {
        fetches.push([...ids]);
        return new Map(ids.map((id) => [id, { price: { value: { cents: id }, version: 1 } }]));
      },
    });
    try {
      await toys.sync();
      await toys.loadMany([1, 2], ['price']);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await toys.sync();
      await toys.loadMany([1, 2], ['price']);
      assert.deepEqual(fetches, [[1, 2]], 'verified entries outlive their expiry');
      changes = [{ id: 2, version: Date.now() }];
      await toys.sync();
      await toys.loadMany([1, 2], ['price']);
      assert.deepEqual(fetches, [[1, 2], [2]], 'a changed object is dropped and read again');
    } finally {
      toys.close();
    }
  });

  it('vouches for what it loads before its first timer: it looks at the database when made', async (t) => {
    const time = simulatedTime(t);
    // No margin, and no timer within the test: only a look taken when the model is made covers
    // the entries loaded right after.
    const { toys, fetches } = syncedModel(async () => [], { ttl: 1, everyMs: 60_000, marginMs: 0 });
    t.after(() => toys.close());
    await toys.loadMany([1, 2], ['price']);
    await time.advance(1500);
    await toys.sync();
    await toys.loadMany([1, 2], ['price']);
    assert.deepEqual(fetches, [[1, 2]], 'past their expiry, but vouched for by the last look');
  });

  it('keeps vouching after a failed look until a time-to-live past the last good one, refreshing what is read late', async (t) => {
    const time = simulatedTime(t);
    let reachable = true;
    const changedSince = async () => {
      if (!reachable) throw new Error('database unreachable');
      return [];
    };
    const { toys, fetches } = syncedModel(changedSince, {
      ttl: 10,
      everyMs: 1000,
      refreshAfter: 0.75,
    });
    t.after(() => toys.close());
    await toys.loadMany([1, 2], ['price']);
    await time.advance(15_000);
    reachable = false;
    // Last good look at 15 s: the entries (loaded at 0, expiring at 10 s) are fresh until 25 s.
    await time.advance(5000);
    await toys.loadMany([1, 2], ['price']);
    assert.deepEqual(fetches, [[1, 2]], 'a failed look does not undo the good ones');
    await time.advance(3000);
    // 2 s left of 10: read late in its life, so reloaded in the background.
    await toys.loadMany([1, 2], ['price']);
    await time.advance(300);
    assert.deepEqual(fetches, [
      [1, 2],
      [1, 2],
    ]);
    await time.advance(5000);
    await toys.loadMany([1, 2], ['price']);
    assert.equal(fetches.length, 2, 'the refreshed entries live a time-to-live from their reload');
  });
});
