import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { captureLogs, redisSkipReason, TEST_REDIS_URL } from '../../testing/index.js';
import {
  MemoryThrottleStore,
  RedisThrottleStore,
  Throttle,
  renderTooManyRequestsPage,
  TOO_MANY_REQUESTS_CSP,
  type ThrottleStore,
} from './index.js';

/** Every store the contract must hold for, as kysely runs each test for every dialect. */
const STORES: {
  name: string;
  skip: string | false;
  shared: boolean;
  /** A store; two made with the same `namespace` share buckets when the store is shared. */
  create(namespace?: string): ThrottleStore;
}[] = [
  { name: 'memory', skip: false, shared: false, create: () => new MemoryThrottleStore() },
  {
    name: 'redis',
    skip: await redisSkipReason(),
    shared: true,
    create: (namespace = randomBytes(6).toString('hex')) =>
      new RedisThrottleStore({
        url: TEST_REDIS_URL,
        log: captureLogs().log,
        keyPrefix: `yuletide-test:${namespace}:`,
      }),
  },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function created(
  factory: (namespace?: string) => ThrottleStore,
  namespace?: string,
): Promise<ThrottleStore> {
  const store = factory(namespace);
  if (store instanceof RedisThrottleStore) await store.ready();
  return store;
}

for (const kind of STORES) {
  describe(`Throttle on the ${kind.name} store`, { skip: kind.skip }, () => {
    it('allows a burst, then refuses with a Retry-After, and refills at the rate', async (t) => {
      const store = await created(kind.create);
      t.after(() => store.close());
      const throttle = new Throttle({ rate: 20, burst: 5, store });
      for (let i = 0; i < 5; i++) assert.equal((await throttle.take('a')).allowed, true);
      const refused = await throttle.take('a');
      assert.deepEqual(refused, { allowed: false, retryAfterSeconds: 1 });
      assert.equal((await throttle.take('b')).allowed, true, 'keys are independent');
      await sleep(120); // two tokens at 20/s
      assert.equal((await throttle.take('a')).allowed, true);
    });

    it('tells a slow-rate client how many seconds to wait', async (t) => {
      const store = await created(kind.create);
      t.after(() => store.close());
      const throttle = new Throttle({ rate: 0.25, burst: 1, store });
      assert.equal((await throttle.take('slow')).allowed, true);
      const refused = await throttle.take('slow');
      assert.equal(refused.allowed, false);
      assert.ok(refused.retryAfterSeconds >= 3 && refused.retryAfterSeconds <= 4);
    });

    // Only a shared store (Redis) can share counts; the memory store has no such test to skip.
    if (kind.shared)
      it('shares counts between proxies when the store is shared', async (t) => {
        // Two proxies, each with its own connection to the store.
        const namespace = randomBytes(6).toString('hex');
        const one = await created(kind.create, namespace);
        const two = await created(kind.create, namespace);
        t.after(() => Promise.all([one.close(), two.close()]));
        const throttle = new Throttle({ rate: 1, burst: 3, store: one });
        const another = new Throttle({ rate: 1, burst: 3, store: two });
        assert.equal((await throttle.take('k')).allowed, true);
        assert.equal((await another.take('k')).allowed, true);
        assert.equal((await throttle.take('k')).allowed, true);
        assert.equal((await another.take('k')).allowed, false);
      });
  });
}

describe('the 429 page', () => {
  it('is self-contained, says how long to wait, and its style is allowed by the CSP hash', () => {
    const page = renderTooManyRequestsPage(7);
    assert.match(page, /7 seconds/);
    assert.match(page, /<meta http-equiv="refresh" content="7">/);
    assert.doesNotMatch(page, /<script|src=|href=|url\(/i, 'no script, no external assets');
    const style = /<style>([^<]*)<\/style>/.exec(page)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    assert.equal(TOO_MANY_REQUESTS_CSP, `default-src 'none'; style-src 'sha256-${hash}'`);
  });
});

describe('MemoryThrottleStore', () => {
  it('holds at most maxKeys buckets, dropping the least recently used', async () => {
    const store = new MemoryThrottleStore({ maxKeys: 100 });
    for (let i = 0; i < 1000; i++) await store.take(`client-${i}`, 1, 5);
    assert.equal(store.size, 100);
  });

  it('drops buckets that have been idle long enough to be full again', async () => {
    let now = 0;
    const store = new MemoryThrottleStore({ now: () => now });
    for (let i = 0; i < 1000; i++) await store.take(`old-${i}`, 10, 10);
    now += 2000; // full again after burst / rate = 1 s
    for (let i = 0; i < 1024; i++) await store.take('fresh', 10, 10);
    assert.equal(store.size, 1);
  });
});

describe('RedisThrottleStore without Redis', () => {
  it('allows requests and logs a warning (fail open)', async (t) => {
    const logs = captureLogs();
    // Nothing listens on port 9 (discard) on loopback in the test machines.
    const store = new RedisThrottleStore({ url: 'redis://127.0.0.1:9', log: logs.log });
    t.after(() => store.close());
    const throttle = new Throttle({ rate: 1, burst: 1, store });
    for (let i = 0; i < 5; i++) {
      assert.deepEqual(await throttle.take('x'), { allowed: true, retryAfterSeconds: 0 });
    }
    logs.log.flush();
    await sleep(50);
    assert.ok(
      logs
        .lines()
        .some(
          (line) => line['level'] === 40 && /allowing the request|redis/.test(String(line['msg'])),
        ),
      'a warning is logged',
    );
  });
});
