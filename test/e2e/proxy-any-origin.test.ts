import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  httpRequest as request,
  startOrigin,
  startProxy,
  type RunningProcess,
  type TestOrigin,
} from '../../src/testing/index.js';

describe('proxy process: in front of any origin', () => {
  let dir: string;
  let origin: TestOrigin;
  let plain: RunningProcess;
  let store: RunningProcess;
  let asked = 0;

  before(async () => {
    // An origin that knows nothing of caching: it echoes what it was sent, with no cache headers.
    origin = await startOrigin((req, res) => {
      if (req.url === '/__health') return void res.end('ok');
      asked++;
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        res.writeHead(req.url === '/created' ? 201 : 200, [
          'content-type',
          'application/json',
          'x-origin',
          'echo',
          'set-cookie',
          'a=1; Path=/',
          'set-cookie',
          'b=2; Path=/',
        ]);
        res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
      });
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-proxy-any-'));
    const env = { SITE_SECRET: 'proxy-any-origin-test-secret', THROTTLE: 'off' };
    plain = await startProxy(origin.url, { ...env, DATA_DIR: path.join(dir, 'plain') }, [
      '--no-static',
    ]);
    store = await startProxy(origin.url, { ...env, DATA_DIR: path.join(dir, 'store') });
  });
  after(async () => {
    await Promise.all([plain?.stop('SIGKILL'), store?.stop('SIGKILL')]);
    await origin?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('forwards every method with its path, query, headers and body', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const body = method === 'GET' || method === 'OPTIONS' ? undefined : `payload of ${method}`;
      const reply = await request(plain.port, '/api/things/7?expand=parts&x=%20y', {
        method,
        headers: {
          'x-custom': 'kept',
          accept: 'application/json',
          ...(body ? { 'content-type': 'text/plain' } : {}),
        },
        body,
      });
      assert.equal(reply.status, 200, method);
      const echoed = JSON.parse(reply.body) as {
        method: string;
        url: string;
        headers: Record<string, string>;
        body: string;
      };
      assert.equal(echoed.method, method);
      assert.equal(echoed.url, '/api/things/7?expand=parts&x=%20y');
      assert.equal(echoed.headers['x-custom'], 'kept');
      assert.equal(echoed.headers['accept'], 'application/json');
      assert.equal(echoed.body, body ?? '');
      assert.equal(reply.headers['x-origin'], 'echo');
      assert.ok(reply.headers['set-cookie']?.includes('a=1; Path=/'));
      assert.ok(reply.headers['set-cookie']?.includes('b=2; Path=/'));
    }
    const created = await request(plain.port, '/created', { method: 'POST', body: 'x' });
    assert.equal(created.status, 201);
  });

  it('adds no caching rule of its own: without cache headers every GET reaches the origin', async () => {
    const before = asked;
    await request(plain.port, '/no-headers');
    const second = await request(plain.port, '/no-headers');
    assert.equal(asked - before, 2);
    assert.match(String(second.headers['cache-status']), /fwd=uri-miss; fwd-status=200$/);
  });

  it('forwards /static/ to the origin with --no-static', async () => {
    const reply = await request(plain.port, '/static/css/store.css');
    assert.equal(JSON.parse(reply.body).url, '/static/css/store.css');
  });

  it('serves public/ itself by default: ETag, 304, ranges, 404 for unknown paths and traversal', async () => {
    const before = asked;
    const css = await request(store.port, '/static/css/store.css');
    assert.equal(css.status, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
    assert.ok(css.headers.etag && css.headers['last-modified']);
    assert.equal(css.headers['set-cookie'], undefined);
    const cached = await request(store.port, '/static/css/store.css', {
      headers: { 'if-none-match': String(css.headers.etag) },
    });
    assert.equal(cached.status, 304);
    const part = await request(store.port, '/static/css/store.css', {
      headers: { range: 'bytes=0-9' },
    });
    assert.equal(part.status, 206);
    assert.equal(part.body, css.body.slice(0, 10));
    assert.equal(
      (await request(store.port, '/static/css/store.css', { headers: { range: 'bytes=999999-' } }))
        .status,
      416,
    );
    assert.equal((await request(store.port, '/favicon.ico')).status, 200);
    for (const target of [
      '/static/nope.css',
      '/static/../package.json',
      '/static/%2e%2e/package.json',
      '/static/css/..%2f..%2fpackage.json',
    ]) {
      assert.equal((await request(store.port, target)).status, 404, target);
    }
    assert.equal(asked, before, 'none of it reached the origin');
  });
});
