import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import {
  httpRequest,
  startOrigin,
  startProxy as startProxyProcess,
  type RunningProcess,
  type TestOrigin,
} from '../../src/testing/index.js';

/** The counting origin: what each path answers, and how many times each path was asked. */
const counts = new Map<string, number>();
let hold: Promise<void> | undefined;

function originHandler(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = req.url ?? '/';
  if (url === '/__health') {
    res.end('ok');
    return;
  }
  const count = (counts.get(url) ?? 0) + 1;
  counts.set(url, count);
  const send = () => {
    const body = `${url} #${count} for ${req.headers['cookie'] ?? 'nobody'}`;
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'text/plain' };
    if (url.startsWith('/public')) headers['cache-control'] = 'public, s-maxage=60';
    if (url.startsWith('/validated')) {
      headers['cache-control'] = 'public, s-maxage=60';
      headers['etag'] = '"v1"';
      headers['last-modified'] = 'Sun, 01 Nov 2026 00:00:00 GMT';
    }
    if (url.startsWith('/private')) headers['cache-control'] = 'private, max-age=60';
    if (url.startsWith('/no-store')) headers['cache-control'] = 'no-store';
    if (url.startsWith('/cookie')) {
      headers['cache-control'] = 'public, s-maxage=60';
      headers['set-cookie'] = `cart=${count}; Path=/`;
    }
    if (url.startsWith('/resilient'))
      headers['cache-control'] = 'public, s-maxage=1, stale-if-error=300';
    res.writeHead(200, headers);
    res.end(body);
  };
  if (hold && url.includes('/cold')) void hold.then(send);
  else send();
}

/** One GET with exactly these headers. */
const get = (port: number, target: string, headers: Record<string, string> = {}) =>
  httpRequest(port, target, { headers });

describe('proxy process: the page cache in front of a counting origin', () => {
  let origin: TestOrigin;
  let proxy: RunningProcess;
  let dir: string;
  const startProxy = () =>
    startProxyProcess(origin.url, {
      DATA_DIR: dir,
      SITE_SECRET: 'proxy-cache-test-secret',
      THROTTLE: 'off',
    });

  before(async () => {
    origin = await startOrigin(originHandler);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-proxy-cache-'));
    proxy = await startProxy();
  });
  after(async () => {
    await proxy?.stop('SIGKILL');
    await origin?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers a second GET of a cacheable page from the cache, with Age and Cache-Status', async () => {
    const first = await get(proxy.port, '/public/a');
    assert.match(
      String(first.headers['cache-status']),
      /^Yuletide; fwd=uri-miss; fwd-status=200; stored/,
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await get(proxy.port, '/public/a');
    assert.equal(second.body, first.body);
    assert.match(String(second.headers['cache-status']), /^Yuletide; hit; ttl=5\d$/);
    assert.ok(Number(second.headers['age']) >= 1, `Age ${second.headers['age']}`);
    assert.equal(counts.get('/public/a'), 1);
  });

  it('answers a conditional GET with 304 from the cache', async () => {
    await get(proxy.port, '/validated');
    const byTag = await get(proxy.port, '/validated', { 'if-none-match': '"v1"' });
    const byDate = await get(proxy.port, '/validated', {
      'if-modified-since': 'Sun, 01 Nov 2026 00:00:00 GMT',
    });
    assert.equal(byTag.status, 304);
    assert.equal(byDate.status, 304);
    assert.equal(byTag.headers['etag'], '"v1"');
    assert.match(String(byTag.headers['cache-status']), /hit/);
    assert.equal(counts.get('/validated'), 1);
  });

  for (const kind of ['private', 'no-store', 'cookie']) {
    it(`never serves a ${kind === 'cookie' ? 'Set-Cookie' : kind} response to another client`, async () => {
      const alice = await get(proxy.port, `/${kind}`, { cookie: 'user=alice' });
      const bob = await get(proxy.port, `/${kind}`, { cookie: 'user=bob' });
      assert.match(alice.body, /for user=alice/);
      assert.match(bob.body, /for user=bob/);
      assert.equal(counts.get(`/${kind}`), 2);
      if (kind === 'cookie') {
        assert.match(String(alice.headers['set-cookie']), /cart=1/);
        assert.doesNotMatch(String(bob.headers['set-cookie']), /cart=1/);
      }
    });
  }

  it('sends 1,000 concurrent misses on one cold URL to the origin once', async () => {
    let release!: () => void;
    hold = new Promise((resolve) => (release = resolve));
    const agent = new Agent({ connections: 1000 });
    try {
      const answers = Array.from({ length: 1000 }, () =>
        undiciFetch(`http://127.0.0.1:${proxy.port}/public/cold`, { dispatcher: agent }).then(
          async (res) => ({
            status: res.status,
            cacheStatus: String(res.headers.get('cache-status')),
            body: await res.text(),
          }),
        ),
      );
      // Let all of them reach the proxy while the origin holds the first.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      release();
      const done = await Promise.all(answers);
      assert.equal(counts.get('/public/cold'), 1);
      assert.ok(done.every((answer) => answer.status === 200 && answer.body === done[0]!.body));
      const waited = done.filter((answer) => answer.cacheStatus.includes('collapsed')).length;
      assert.equal(waited, 999, 'all but the first waited for the first');
    } finally {
      hold = undefined;
      await agent.close();
    }
  });

  it('gives 1,000 anonymous clients of one cached page 1,000 distinct sessions', async () => {
    await get(proxy.port, '/public/popular');
    const agent = new Agent({ connections: 100 });
    try {
      const cookies = await Promise.all(
        Array.from({ length: 1000 }, () =>
          undiciFetch(`http://127.0.0.1:${proxy.port}/public/popular`, { dispatcher: agent }).then(
            async (res) => {
              await res.arrayBuffer();
              assert.match(String(res.headers.get('cache-status')), /hit/);
              return String(res.headers.get('set-cookie')).split(';')[0];
            },
          ),
        ),
      );
      assert.equal(new Set(cookies).size, 1000);
      assert.equal(counts.get('/public/popular'), 1);
    } finally {
      await agent.close();
    }
  });

  it('starts warm after a restart: pages asked again come back from the disk tier', async () => {
    await get(proxy.port, '/public/kept');
    await get(proxy.port, '/public/kept'); // its second use writes it to disk
    await get(proxy.port, '/public/once'); // one use: kept in memory only
    assert.equal(await proxy.stop(), 0, 'stopped cleanly');
    proxy = await startProxy();
    const again = await get(proxy.port, '/public/kept');
    assert.match(String(again.headers['cache-status']), /hit/);
    assert.equal(counts.get('/public/kept'), 1);
    const once = await get(proxy.port, '/public/once');
    assert.match(String(once.headers['cache-status']), /fwd=uri-miss/);
    assert.equal(counts.get('/public/once'), 2);
  });

  it('with the origin down, serves cached pages stale within stale-if-error and others a friendly 503 within the connect timeout', async () => {
    await get(proxy.port, '/resilient');
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past s-maxage=1
    await origin.close();
    const stale = await get(proxy.port, '/resilient');
    assert.equal(stale.status, 200);
    assert.match(stale.body, /^\/resilient #1/);
    assert.match(String(stale.headers['cache-status']), /fwd=stale.*detail=stale-if-error/);
    const started = performance.now();
    const unavailable = await get(proxy.port, '/public/never-seen');
    const ms = performance.now() - started;
    assert.equal(unavailable.status, 503);
    assert.ok(ms < 1000, `answered in ${ms.toFixed(0)} ms`);
    assert.match(unavailable.body, /<!doctype html>/i);
    assert.equal(unavailable.headers['retry-after'], '5');
  });
});
