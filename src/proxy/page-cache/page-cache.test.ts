import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { captureLogs } from '../../testing/index.js';
import { MemoryPageStore } from './memory-page-store.js';
import {
  PageCache,
  type CacheAnswer,
  type CacheRequest,
  type OriginResponse,
} from './page-cache.js';
import type { Headers } from './stored-page.js';

const { log } = captureLogs();

/**
 * A counting origin: `respond` builds each answer from the request headers it was sent; every
 * call is recorded. `delayMs` holds each answer back, so requests can overlap.
 */
function origin(
  respond: (
    headers: Headers,
    call: number,
  ) => { status?: number; headers?: Headers; body?: Buffer | string },
  delayMs = 0,
) {
  const calls: Headers[] = [];
  const fetch = async (headers: Headers): Promise<OriginResponse> => {
    calls.push(headers);
    const call = calls.length;
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const answer = respond(headers, call);
    return {
      status: answer.status ?? 200,
      headers: answer.headers ?? {},
      body: Buffer.isBuffer(answer.body) ? answer.body : Buffer.from(answer.body ?? `call ${call}`),
    };
  };
  return { calls, fetch };
}

function newCache(): PageCache {
  return new PageCache({ store: new MemoryPageStore({ maxBytes: 16 * 1024 * 1024 }), log });
}

function get(url: string, headers: Headers = {}, method = 'GET'): CacheRequest {
  return { method, url, headers: { host: 'shop.test', ...headers } };
}

function header(answer: CacheAnswer, name: string): string | undefined {
  for (let i = 0; i < answer.headers.length; i += 2) {
    if (answer.headers[i] === name) return answer.headers[i + 1];
  }
  return undefined;
}

const PUBLIC = { 'cache-control': 'public, s-maxage=60', 'content-type': 'text/html' };

describe('page cache: freshness and reuse (RFC 9111 §4.2)', () => {
  it('answers a second GET of a cacheable page from the cache, with Age and Cache-Status', async () => {
    const cache = newCache();
    const app = origin(() => ({ headers: { ...PUBLIC, age: '7' } }));
    const first = await cache.serve(get('/p/1'), app.fetch);
    assert.equal(first.status, 200);
    assert.match(first.cacheStatus, /^Yuletide; fwd=uri-miss; fwd-status=200; stored; ttl=5[23]$/);
    const second = await cache.serve(get('/p/1'), app.fetch);
    assert.equal(app.calls.length, 1);
    assert.equal(second.body.toString(), 'call 1');
    assert.equal(second.outcome, 'hit');
    assert.equal(second.age, 7, 'Age counts the age the origin reported');
    assert.match(second.cacheStatus, /^Yuletide; hit; ttl=5[23]$/);
    assert.equal(header(second, 'content-length'), '6');
  });

  it('answers a fresh hit synchronously, without a promise', async () => {
    const cache = newCache();
    const app = origin(() => ({ headers: PUBLIC }));
    await cache.serve(get('/p/1'), app.fetch);
    const hit = cache.serve(get('/p/1'), app.fetch);
    assert.ok(!(hit instanceof Promise));
  });

  it('hands the proxy a fresh page at once only when nothing else must be decided', async () => {
    const cache = newCache();
    const app = origin(() => ({ headers: { ...PUBLIC, etag: '"v1"' } }));
    await cache.serve(get('/p/1'), app.fetch);
    const now = Date.now();
    assert.ok(cache.freshPage('/p/1', {}, now));
    // These are serve()'s to answer: a 304, the request's own directives, a range, staleness.
    assert.equal(cache.freshPage('/p/1', { 'if-none-match': '"v1"' }, now), undefined);
    assert.equal(cache.freshPage('/p/1', { 'cache-control': 'no-cache' }, now), undefined);
    assert.equal(cache.freshPage('/p/1', { range: 'bytes=0-1' }, now), undefined);
    assert.equal(cache.freshPage('/p/1', {}, now + 61_000), undefined);
    assert.equal(cache.freshPage('/p/2', {}, now), undefined);
    const varying = origin(() => ({ headers: { ...PUBLIC, vary: 'accept-language' } }));
    await cache.serve(get('/v'), varying.fetch);
    assert.equal(cache.freshPage('/v', {}, now), undefined, 'a Vary page needs its variant key');
  });

  it("gives a hit's Age and Cache-Status by the clock, in a list reused within the second", async () => {
    const cache = newCache();
    const app = origin(() => ({ headers: { ...PUBLIC, age: '7' } }));
    await cache.serve(get('/p/1'), app.fetch);
    const now = Date.now();
    const page = cache.freshPage('/p/1', {}, now)!;
    const fields = page.hitFields(now, 1);
    const value = (list: string[], name: string) => list[list.indexOf(name) + 1];
    assert.equal(value(fields, 'age'), '7');
    assert.match(value(fields, 'cache-status')!, /^Yuletide; hit; ttl=5[23]$/);
    assert.deepEqual(fields.slice(-2), ['', ''], 'one free pair for the caller');
    assert.equal(page.hitFields(now, 1), fields, 'nothing allocated for a hit in the same second');
    assert.notEqual(page.hitFields(now, 2), fields, 'a list per number of free pairs');
    const later = page.hitFields(now + 3000, 1);
    assert.equal(value(later, 'age'), '10');
    assert.match(value(later, 'cache-status')!, /^Yuletide; hit; ttl=(49|50)$/);
  });

  it('takes freshness from s-maxage over max-age, and from max-age or Expires otherwise', async () => {
    const cache = newCache();
    const app = origin((_, call) => {
      if (call === 1) return { headers: { 'cache-control': 'max-age=0, s-maxage=60' } };
      if (call === 2) return { headers: { 'cache-control': 'max-age=60' } };
      const now = new Date();
      return {
        headers: {
          date: now.toUTCString(),
          expires: new Date(now.getTime() + 60_000).toUTCString(),
        },
      };
    });
    for (const url of ['/shared', '/max-age', '/expires']) {
      await cache.serve(get(url), app.fetch);
      assert.equal((await cache.serve(get(url), app.fetch)).outcome, 'hit', url);
    }
    assert.equal(app.calls.length, 3);
  });

  it('uses a heuristic lifetime only for a response cacheable by default with Last-Modified', async () => {
    const cache = newCache();
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000).toUTCString();
    const app = origin((_, call) => {
      if (call === 1) return { headers: { 'last-modified': tenDaysAgo } };
      // A 302 is not cacheable by default (RFC 9110 §15.4.3): no heuristic freshness.
      return { status: 302, headers: { location: '/elsewhere', 'last-modified': tenDaysAgo } };
    });
    await cache.serve(get('/old'), app.fetch);
    assert.equal((await cache.serve(get('/old'), app.fetch)).outcome, 'hit');
    await cache.serve(get('/moved'), app.fetch);
    await cache.serve(get('/moved'), app.fetch);
    assert.equal(app.calls.length, 3, 'the redirect was asked for twice');
  });

  it('does not store a response with no freshness and no validator', async () => {
    const cache = newCache();
    const app = origin(() => ({ headers: { 'content-type': 'text/plain' } }));
    await cache.serve(get('/plain'), app.fetch);
    const second = await cache.serve(get('/plain'), app.fetch);
    assert.equal(app.calls.length, 2);
    assert.equal(second.body.toString(), 'call 2');
  });

  it('honours a request that asks for no-cache, then stores the new answer', async () => {
    const cache = newCache();
    const app = origin(() => ({ headers: PUBLIC }));
    await cache.serve(get('/p/2'), app.fetch);
    const forced = await cache.serve(get('/p/2', { 'cache-control': 'no-cache' }), app.fetch);
    assert.equal(app.calls.length, 2);
    assert.match(forced.cacheStatus, /fwd=request/);
    assert.equal((await cache.serve(get('/p/2'), app.fetch)).body.toString(), 'call 2');
  });

  it('keeps one copy per Vary value', async () => {
    const cache = newCache();
    const app = origin((headers) => ({
      headers: { ...PUBLIC, vary: 'Accept-Language' },
      body: `hello in ${String(headers['accept-language'])}`,
    }));
    const fr = await cache.serve(get('/hello', { 'accept-language': 'fr' }), app.fetch);
    const de = await cache.serve(get('/hello', { 'accept-language': 'de' }), app.fetch);
    assert.match(de.cacheStatus, /fwd=vary-miss/);
    assert.equal(fr.body.toString(), 'hello in fr');
    assert.equal(de.body.toString(), 'hello in de');
    const frAgain = await cache.serve(get('/hello', { 'accept-language': 'fr' }), app.fetch);
    const deAgain = await cache.serve(get('/hello', { 'accept-language': 'de' }), app.fetch);
    assert.equal(frAgain.body.toString(), 'hello in fr');
    assert.equal(deAgain.body.toString(), 'hello in de');
    assert.equal(app.calls.length, 2);
    assert.equal(cache.purgeUrl('/hello'), 3, 'the marker and both variants');
    await cache.serve(get('/hello', { 'accept-language': 'fr' }), app.fetch);
    assert.equal(app.calls.length, 3);
  });

  it('never stores Vary: *', async () => {
    const cache = newCache();
    const app = origin(() => ({ headers: { ...PUBLIC, vary: '*' } }));
    await cache.serve(get('/any'), app.fetch);
    await cache.serve(get('/any'), app.fetch);
    assert.equal(app.calls.length, 2);
  });

  it('answers HEAD from a stored GET, and passes a HEAD miss through without storing it', async () => {
    const cache = newCache();
    const app = origin(() => ({ headers: PUBLIC }));
    const headMiss = await cache.serve(get('/h', {}, 'HEAD'), app.fetch);
    assert.equal(headMiss.outcome, 'pass');
    await cache.serve(get('/h'), app.fetch);
    const head = await cache.serve(get('/h', {}, 'HEAD'), app.fetch);
    assert.equal(head.outcome, 'hit');
    assert.equal(app.calls.length, 2);
  });

  it('passes Range requests through', async () => {
    const cache = newCache();
    const app = origin(() => ({ headers: PUBLIC }));
    await cache.serve(get('/r'), app.fetch);
    const ranged = await cache.serve(get('/r', { range: 'bytes=0-1' }), app.fetch);
    assert.match(ranged.cacheStatus, /fwd=bypass; fwd-status=200; detail=range/);
    assert.equal(app.calls[1]!['range'], 'bytes=0-1');
  });
});

describe('page cache: what is never stored or shared (RFC 9111 §3)', () => {
  for (const [name, headers] of [
    ['private', { 'cache-control': 'private, max-age=60' }],
    ['no-store', { 'cache-control': 'no-store' }],
    ['Set-Cookie', { ...PUBLIC, 'set-cookie': 'cart=secret; Path=/' }],
  ] as const) {
    it(`never serves a ${name} response to another client`, async () => {
      const cache = newCache();
      const app = origin((requestHeaders) => ({
        headers,
        body: `for ${String(requestHeaders['cookie'])}`,
      }));
      const alice = await cache.serve(get('/cart', { cookie: 'alice' }), app.fetch);
      const bob = await cache.serve(get('/cart', { cookie: 'bob' }), app.fetch);
      assert.equal(alice.body.toString(), 'for alice');
      assert.equal(bob.body.toString(), 'for bob');
      assert.equal(app.calls.length, 2);
      assert.equal(bob.outcome, 'pass');
      if (name === 'Set-Cookie') assert.equal(header(alice, 'set-cookie'), 'cart=secret; Path=/');
    });
  }

  it('stores an answer to a request with credentials only when the response allows it', async () => {
    const cache = newCache();
    const app = origin((_, call) => ({
      headers: { 'cache-control': call <= 2 ? 'max-age=60' : 'public, max-age=60' },
    }));
    const secret = get('/account', { authorization: 'Bearer alice' });
    await cache.serve(secret, app.fetch);
    await cache.serve(secret, app.fetch);
    assert.equal(app.calls.length, 2, 'max-age alone does not allow storing (§3.5)');
    await cache.serve(get('/shared', { authorization: 'Bearer alice' }), app.fetch);
    assert.equal((await cache.serve(get('/shared'), app.fetch)).outcome, 'hit', 'public does');
  });

  it('invalidates a URL after a successful POST to it (§4.4)', async () => {
    const cache = newCache();
    const app = origin((_, call) => ({ headers: call === 2 ? { location: '/list' } : PUBLIC }));
    await cache.serve(get('/list'), app.fetch);
    const post = await cache.serve(get('/list', {}, 'POST'), app.fetch);
    assert.match(post.cacheStatus, /fwd=method/);
    assert.equal((await cache.serve(get('/list'), app.fetch)).outcome, 'miss');
  });
});

describe('page cache: validation (RFC 9111 §4.3)', () => {
  it('answers a client conditional GET with 304 from the cache', async () => {
    const cache = newCache();
    const lastModified = new Date(Date.now() - 3_600_000).toUTCString();
    const app = origin(() => ({
      headers: { ...PUBLIC, etag: '"v1"', 'last-modified': lastModified },
    }));
    await cache.serve(get('/p/3'), app.fetch);
    const byTag = await cache.serve(get('/p/3', { 'if-none-match': 'W/"v1"' }), app.fetch);
    assert.equal(byTag.status, 304);
    assert.equal(byTag.body.length, 0);
    assert.equal(header(byTag, 'etag'), '"v1"');
    assert.equal(header(byTag, 'content-length'), undefined);
    const byDate = await cache.serve(get('/p/3', { 'if-modified-since': lastModified }), app.fetch);
    assert.equal(byDate.status, 304);
    const changed = await cache.serve(get('/p/3', { 'if-none-match': '"v0"' }), app.fetch);
    assert.equal(changed.status, 200);
    assert.equal(app.calls.length, 1);
  });

  it('does not forward the client conditional on a miss, so the full page can be stored', async () => {
    const cache = newCache();
    const app = origin(() => ({ headers: { ...PUBLIC, etag: '"v1"' } }));
    const answer = await cache.serve(get('/p/4', { 'if-none-match': '"v1"' }), app.fetch);
    assert.equal(app.calls[0]!['if-none-match'], undefined);
    assert.equal(answer.status, 304);
    assert.equal((await cache.serve(get('/p/4'), app.fetch)).status, 200);
  });

  it('revalidates a stale page with its ETag and serves it again on 304', async () => {
    const cache = newCache();
    const app = origin((headers, call) =>
      call === 1
        ? {
            headers: { 'cache-control': 'public, s-maxage=10', age: '11', etag: '"v1"' },
            body: 'v1',
          }
        : headers['if-none-match'] === '"v1"'
          ? {
              status: 304,
              headers: { 'cache-control': 'public, s-maxage=60', etag: '"v1"' },
              body: '',
            }
          : { headers: PUBLIC, body: 'v2' },
    );
    await cache.serve(get('/p/5'), app.fetch);
    const revalidated = await cache.serve(get('/p/5'), app.fetch);
    assert.equal(app.calls[1]!['if-none-match'], '"v1"');
    assert.equal(revalidated.status, 200);
    assert.equal(revalidated.body.toString(), 'v1');
    assert.match(
      revalidated.cacheStatus,
      /^Yuletide; fwd=stale; fwd-status=304; stored; ttl=(5\d|60)$/,
    );
    assert.equal((await cache.serve(get('/p/5'), app.fetch)).outcome, 'hit');
    assert.equal(app.calls.length, 2);
  });

  it('revalidates with If-Modified-Since when the page has only Last-Modified', async () => {
    const cache = newCache();
    const lastModified = new Date(Date.now() - 3_600_000).toUTCString();
    const app = origin((_, call) =>
      call === 1
        ? { headers: { 'cache-control': 'public, no-cache', 'last-modified': lastModified } }
        : { status: 304, headers: { 'last-modified': lastModified }, body: '' },
    );
    await cache.serve(get('/nc'), app.fetch);
    const second = await cache.serve(get('/nc'), app.fetch);
    assert.equal(app.calls[1]!['if-modified-since'], lastModified);
    assert.equal(
      second.body.toString(),
      'call 1',
      'no-cache: stored, but validated before each use',
    );
  });
});

describe('page cache: serving stale (RFC 5861)', () => {
  it('serves a stale page within stale-while-revalidate at once, and refreshes it once behind', async () => {
    const cache = newCache();
    const app = origin(
      (_, call) => ({
        headers: {
          'cache-control': 'public, s-maxage=10, stale-while-revalidate=60',
          age: call === 1 ? '15' : '0',
        },
      }),
      20,
    );
    await cache.serve(get('/swr'), app.fetch);
    const started = performance.now();
    const answers = await Promise.all([1, 2, 3].map(() => cache.serve(get('/swr'), app.fetch)));
    assert.ok(performance.now() - started < 15, 'answered without waiting for the origin');
    for (const answer of answers) {
      assert.equal(answer.body.toString(), 'call 1');
      assert.match(answer.cacheStatus, /^Yuletide; hit; ttl=-\d+; detail=stale-while-revalidate$/);
    }
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(app.calls.length, 2, 'one background refresh');
    assert.equal((await cache.serve(get('/swr'), app.fetch)).body.toString(), 'call 2');
  });

  it('serves a stale page within stale-if-error when the origin fails, and not after', async () => {
    const cache = newCache();
    const unavailable = Object.assign(new Error('no upstream'), { status: 503 });
    let down = false;
    const app = origin((_, call) => {
      if (down) throw unavailable;
      return {
        headers: {
          'cache-control': 'public, s-maxage=10, stale-if-error=60',
          age: call === 1 ? '20' : '100',
        },
      };
    });
    await cache.serve(get('/sie'), app.fetch);
    down = true;
    const stale = await cache.serve(get('/sie'), app.fetch);
    assert.equal(stale.body.toString(), 'call 1');
    assert.match(stale.cacheStatus, /fwd=stale; ttl=-1\d; detail=stale-if-error/);
    const failing = origin(() => ({ status: 500, headers: {} }));
    const onError = await cache.serve(get('/sie'), failing.fetch);
    assert.match(onError.cacheStatus, /fwd=stale; fwd-status=500; ttl=-\d+; detail=stale-if-error/);

    const expired = origin(() => ({
      headers: { 'cache-control': 'public, s-maxage=10, stale-if-error=5', age: '20', etag: '"x"' },
    }));
    await cache.serve(get('/old'), expired.fetch);
    await assert.rejects(Promise.resolve(cache.serve(get('/old'), app.fetch)), /no upstream/);
  });

  it('never serves stale what says must-revalidate', async () => {
    const cache = newCache();
    const app = origin(() => ({
      headers: {
        'cache-control': 'public, s-maxage=10, must-revalidate, stale-if-error=60',
        age: '20',
      },
    }));
    await cache.serve(get('/mr'), app.fetch);
    const down = async () => {
      throw Object.assign(new Error('down'), { status: 503 });
    };
    await assert.rejects(Promise.resolve(cache.serve(get('/mr'), down)), /down/);
  });
});

describe('page cache: collapsed forwarding', () => {
  it('sends 1,000 concurrent misses on one cold URL to the origin once', async () => {
    const cache = newCache();
    const app = origin(() => ({ headers: PUBLIC, body: 'shared' }), 50);
    const answers = await Promise.all(
      Array.from({ length: 1000 }, () => cache.serve(get('/cold'), app.fetch)),
    );
    assert.equal(app.calls.length, 1);
    assert.ok(
      answers.every((answer) => answer.status === 200 && answer.body.toString() === 'shared'),
    );
    assert.equal(answers.filter((answer) => answer.outcome === 'collapsed').length, 999);
    assert.match(answers[999]!.cacheStatus, /collapsed/);
  });

  it('gives waiters their own answer when the shared one is private, and then stops collapsing', async () => {
    const cache = newCache();
    const app = origin(
      (headers) => ({ headers: { 'cache-control': 'private' }, body: String(headers['cookie']) }),
      30,
    );
    const first = await Promise.all(
      ['a', 'b', 'c'].map((cookie) => cache.serve(get('/me', { cookie }), app.fetch)),
    );
    assert.deepEqual(
      first.map((answer) => answer.body.toString()),
      ['a', 'b', 'c'],
    );
    // Now known to be uncacheable: a request does not wait behind another one in flight.
    const slow = origin(() => ({ headers: { 'cache-control': 'private' }, body: 'slow' }), 300);
    const fast = origin(() => ({ headers: { 'cache-control': 'private' }, body: 'fast' }), 10);
    const started = performance.now();
    const slowAnswer = cache.serve(get('/me'), slow.fetch);
    await cache.serve(get('/me'), fast.fetch);
    assert.ok(performance.now() - started < 200, 'did not wait for the slow request');
    await slowAnswer;
  });

  it('shares an origin outage with the waiters instead of asking once per request', async () => {
    const cache = newCache();
    const calls: number[] = [];
    const down = async (): Promise<OriginResponse> => {
      calls.push(1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw Object.assign(new Error('no upstream'), { status: 503 });
    };
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => cache.serve(get('/down'), down)),
    );
    assert.equal(calls.length, 1);
    assert.ok(results.every((result) => result.status === 'rejected'));
  });
});

describe('page cache: purges', () => {
  it('purges by URL and by surrogate key', async () => {
    const cache = newCache();
    const app = origin((_, call) => ({
      headers: { ...PUBLIC, 'surrogate-key': call === 1 ? 'p1 c9' : 'p2 c9' },
    }));
    await cache.serve(get('/p/1'), app.fetch);
    await cache.serve(get('/p/2'), app.fetch);
    assert.equal(cache.purgeUrl('/p/1'), 1);
    assert.equal(cache.purgeUrl('/p/1'), 0);
    await cache.serve(get('/p/1'), app.fetch);
    assert.equal(cache.purgeTags(['c9']), 2);
    assert.equal((await cache.serve(get('/p/2'), app.fetch)).outcome, 'miss');
    assert.equal(app.calls.length, 4);
  });

  it('does not show Surrogate-Key to clients', async () => {
    const cache = newCache();
    const app = origin(() => ({ headers: { ...PUBLIC, 'surrogate-key': 'p1' } }));
    const miss = await cache.serve(get('/p/1'), app.fetch);
    const hit = await cache.serve(get('/p/1'), app.fetch);
    assert.equal(header(miss, 'surrogate-key'), undefined);
    assert.equal(header(hit, 'surrogate-key'), undefined);
  });
});
