import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  captureLogs,
  externalAddress,
  httpRequest as request,
  rawExchange as raw,
} from '../testing/index.js';
import { UpstreamUnavailableError } from './balancer/index.js';
import { MemoryPageStore, PageCache, type Headers } from './page-cache/index.js';
import type { ProxyServerOptions } from './proxy-server-options.js';
import { ProxyServer } from './proxy-server.js';
import { SessionMinter } from './session/index.js';
import { StaticFiles } from './static-files/index.js';

const { log } = captureLogs();
const SECRET = 'a-test-secret-of-enough-length';

interface Forwarded {
  readonly method: string;
  readonly path: string;
  readonly headers: Headers;
  readonly body?: Buffer;
  readonly sessionKey: string;
}

/** A counting stand-in for the balancer: `respond` answers, every request is kept. */
function fakeUpstream(
  respond: (request: Forwarded) => {
    status?: number;
    headers?: Headers;
    body?: string;
  } = () => ({}),
) {
  const requests: Forwarded[] = [];
  return {
    requests,
    healthyCount: 1,
    async forward(
      request: { method: string; path: string; headers: Headers; body?: Buffer },
      sessionKey: string,
    ) {
      const forwarded = { ...request, sessionKey };
      requests.push(forwarded);
      const answer = respond(forwarded);
      return {
        status: answer.status ?? 200,
        headers: answer.headers ?? { 'cache-control': 'public, s-maxage=60' },
        body: Buffer.from(answer.body ?? `page ${request.path}`),
        upstream: 'http://app',
      };
    },
  };
}

async function startProxy(
  options: Partial<ProxyServerOptions> & Pick<ProxyServerOptions, 'upstream'>,
  host = '127.0.0.1',
) {
  const server = new ProxyServer({
    log,
    cache: new PageCache({ store: new MemoryPageStore({ maxBytes: 8 * 1024 * 1024 }), log }),
    sessions: new SessionMinter({ secret: SECRET, secure: false }),
    ...options,
  });
  const port = await server.listen(0, host);
  return { server, port };
}

describe("proxy server: the session's CSRF token", () => {
  const upstream = fakeUpstream();
  const token = (id: string) => `token-of-${id}`;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  before(async () => {
    proxy = await startProxy({ upstream, csrf: { path: '/csrf-token', token } });
  });
  after(() => proxy.server.close());

  it('answers GET /csrf-token itself, for the session the answer issues or the one it names', async () => {
    const issued = await request(proxy.port, '/csrf-token');
    const cookies = issued.headers['set-cookie'] ?? [];
    const sid = cookies.find((c) => c.startsWith('yt_sid='))!.split(';')[0]!;
    const id = sid.slice('yt_sid='.length).split('.')[0]!;
    assert.equal(issued.status, 200);
    assert.equal(issued.body, token(id));
    assert.ok(cookies.includes(`yt_csrf=${token(id)}; Path=/; SameSite=Strict`));
    assert.equal(issued.headers['cache-control'], 'private, no-store');
    assert.match(String(issued.headers['cache-status']), /fwd=bypass; detail=csrf-token/);

    const known = await request(proxy.port, '/csrf-token', { headers: { cookie: sid } });
    assert.equal(known.body, token(id));
    assert.deepEqual(known.headers['set-cookie'], [
      `yt_csrf=${token(id)}; Path=/; SameSite=Strict`,
    ]);
    assert.equal(upstream.requests.length, 0, 'the app tier is not asked');
  });

  it('forwards other methods, other paths, and the path itself without the option', async () => {
    await request(proxy.port, '/csrf-token', { method: 'POST', body: 'x=1' });
    await request(proxy.port, '/csrf-token/more');
    const plain = await startProxy({ upstream });
    try {
      await request(plain.port, '/csrf-token');
    } finally {
      await plain.server.close();
    }
    assert.deepEqual(
      upstream.requests.map((r) => `${r.method} ${r.path}`),
      ['POST /csrf-token', 'GET /csrf-token/more', 'GET /csrf-token'],
    );
  });
});

describe('proxy server: the pipeline', () => {
  const upstream = fakeUpstream((request) => {
    if (request.path === '/private') {
      return { headers: { 'cache-control': 'private', 'set-cookie': 'cart=alice' }, body: 'alice' };
    }
    if (request.path === '/login') {
      // The app rotates the session id at login by setting the session cookie itself.
      const setCookie = ['yt_sid=chosen-by-the-app; Path=/; HttpOnly', 'cart=2; Path=/'];
      return { headers: { 'cache-control': 'private, no-store', 'set-cookie': setCookie } };
    }
    return {};
  });
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  before(async () => {
    proxy = await startProxy({ upstream });
  });
  after(() => proxy.server.close());

  it('gives a session cookie to a client without one, on a miss and on a hit', async () => {
    const miss = await request(proxy.port, '/p/1');
    const hit = await request(proxy.port, '/p/1');
    assert.match(String(miss.headers['cache-status']), /fwd=uri-miss/);
    assert.match(String(hit.headers['cache-status']), /hit/);
    const cookies = [miss, hit].map((r) => String(r.headers['set-cookie']?.[0]));
    for (const cookie of cookies)
      assert.match(cookie, /^yt_sid=[\w-]{22}\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    assert.notEqual(cookies[0], cookies[1]);
    assert.equal(hit.headers['age'], '0');
    assert.equal(upstream.requests.filter((r) => r.path === '/p/1').length, 1);
  });

  it("never shows one client's request id or cookie on another's hit", async () => {
    await request(proxy.port, '/p/9');
    const newcomer = await request(proxy.port, '/p/9');
    const cookie = String(newcomer.headers['set-cookie']?.[0]).split(';')[0]!;
    const returning = await request(proxy.port, '/p/9', { headers: { cookie } });
    const other = await request(proxy.port, '/p/9');
    for (const hit of [newcomer, returning, other]) {
      assert.match(String(hit.headers['cache-status']), /; hit; ttl=/);
    }
    assert.equal(returning.headers['set-cookie'], undefined);
    assert.notEqual(String(other.headers['set-cookie']), String(newcomer.headers['set-cookie']));
    const ids = new Set([newcomer, returning, other].map((hit) => hit.headers['x-request-id']));
    assert.equal(ids.size, 3);
  });

  it('keeps a valid session, forwards it sticky, and replaces a forged one', async () => {
    const first = await request(proxy.port, '/p/2');
    const cookie = String(first.headers['set-cookie']?.[0]).split(';')[0]!;
    const id = cookie.slice('yt_sid='.length).split('.')[0];
    const again = await request(proxy.port, '/p/3', {
      headers: { cookie: `theme=dark; ${cookie}` },
    });
    assert.equal(again.headers['set-cookie'], undefined);
    assert.equal(upstream.requests.at(-1)!.sessionKey, id);
    // Change the last character for certain: it is 'A' itself one time in 16.
    const last = cookie.at(-1) === 'A' ? 'E' : 'A';
    const forged = await request(proxy.port, '/p/3', {
      headers: { cookie: `${cookie.slice(0, -1)}${last}` },
    });
    assert.ok(forged.headers['set-cookie'], 'a tampered cookie is replaced');
  });

  it('never hands one client the Set-Cookie or private page of another', async () => {
    const alice = await request(proxy.port, '/private');
    const bob = await request(proxy.port, '/private');
    assert.equal(alice.body, 'alice');
    assert.ok(alice.headers['set-cookie']?.includes('cart=alice'));
    assert.equal(upstream.requests.filter((r) => r.path === '/private').length, 2);
    assert.equal(bob.headers['set-cookie']?.filter((c) => c.startsWith('cart=')).length, 1);
  });

  it("lets the app's own session cookie win over the one it would issue", async () => {
    const login = await request(proxy.port, '/login', { method: 'POST', body: 'user=alice' });
    assert.deepEqual(login.headers['set-cookie'], [
      'yt_sid=chosen-by-the-app; Path=/; HttpOnly',
      'cart=2; Path=/',
    ]);
    // The app was still given a session with the request, as for any client without one.
    assert.match(String(upstream.requests.at(-1)!.headers['cookie']), /^yt_sid=[\w-]{22}\./);
    const cartOnly = await request(proxy.port, '/private');
    assert.equal(cartOnly.headers['set-cookie']?.filter((c) => c.startsWith('yt_sid=')).length, 1);
  });

  it('strips the forwarding headers a client sends, and sets its own and a request id', async () => {
    const reply = await request(proxy.port, '/echo?x=1', {
      headers: {
        host: 'shop.test',
        'x-forwarded-for': '6.6.6.6',
        forwarded: 'for=6.6.6.6',
        'x-request-id': 'forged-id',
      },
    });
    const sent = upstream.requests.at(-1)!;
    assert.equal(sent.path, '/echo?x=1');
    assert.equal(sent.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(sent.headers['x-forwarded-host'], 'shop.test');
    assert.equal(sent.headers['x-forwarded-proto'], 'http');
    assert.equal(sent.headers['forwarded'], 'for=127.0.0.1;proto=http;host="shop.test"');
    assert.equal(sent.headers['host'], undefined, 'the upstream is asked under its own name');
    assert.notEqual(sent.headers['x-request-id'], 'forged-id');
    assert.equal(reply.headers['x-request-id'], sent.headers['x-request-id']);
    // The session issued with this answer already reaches the app.
    assert.match(String(sent.headers['cookie']), /^yt_sid=/);
  });

  it('forwards request bodies of any method, and refuses one that is too large', async () => {
    await request(proxy.port, '/cart/items', {
      method: 'POST',
      body: 'product_id=3&quantity=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const sent = upstream.requests.at(-1)!;
    assert.equal(sent.method, 'POST');
    assert.equal(sent.body?.toString(), 'product_id=3&quantity=1');
    const small = await startProxy({ upstream: fakeUpstream(), maxBodyBytes: 10 });
    try {
      const big = await request(small.port, '/upload', { method: 'PUT', body: 'x'.repeat(100) });
      assert.equal(big.status, 413);
    } finally {
      await small.server.close();
    }
  });
});

describe('proxy server: when the app tier fails', () => {
  it('answers a friendly 503 at once when no upstream can be reached, and serves stale pages it may', async () => {
    let down = false;
    const upstream = fakeUpstream(() => {
      if (down) throw new UpstreamUnavailableError();
      return { headers: { 'cache-control': 'public, s-maxage=1, stale-if-error=600', age: '5' } };
    });
    const proxy = await startProxy({ upstream });
    try {
      await request(proxy.port, '/p/9');
      down = true;
      const stale = await request(proxy.port, '/p/9');
      assert.equal(stale.status, 200);
      assert.equal(stale.body, 'page /p/9');
      assert.match(
        String(stale.headers['cache-status']),
        /fwd=stale; ttl=-\d+; detail=stale-if-error/,
      );
      const started = performance.now();
      const unavailable = await request(proxy.port, '/p/10');
      assert.ok(performance.now() - started < 500);
      assert.equal(unavailable.status, 503);
      assert.equal(unavailable.headers['retry-after'], '5');
      assert.match(String(unavailable.headers['content-type']), /text\/html/);
      assert.match(unavailable.body, /right back/);
      assert.match(unavailable.body, new RegExp(String(unavailable.headers['x-request-id'])));
      assert.ok(unavailable.headers['cache-status']);
      assert.equal(unavailable.headers['cache-control'], 'no-store');
    } finally {
      await proxy.server.close();
    }
  });
});

describe('proxy server: throttling', () => {
  it('throttles only what reaches the app tier, by session or else by address', async () => {
    const keys: string[] = [];
    const throttle = {
      async take(key: string) {
        keys.push(key);
        return keys.length > 2
          ? { allowed: false, retryAfterSeconds: 3 }
          : { allowed: true, retryAfterSeconds: 0 };
      },
    };
    const upstream = fakeUpstream();
    const proxy = await startProxy({ upstream, throttle });
    try {
      const first = await request(proxy.port, '/p/1');
      for (let i = 0; i < 5; i++)
        assert.equal((await request(proxy.port, '/p/1')).status, 200, 'hits pass');
      const cookie = String(first.headers['set-cookie']?.[0]).split(';')[0]!;
      await request(proxy.port, '/p/2', { headers: { cookie } });
      const refused = await request(proxy.port, '/p/3', { headers: { cookie } });
      assert.equal(refused.status, 429);
      assert.equal(refused.headers['retry-after'], '3');
      assert.match(refused.body, /<!doctype html>/i);
      assert.deepEqual(keys, [
        'addr:127.0.0.1',
        cookie.slice(7).split('.')[0],
        cookie.slice(7).split('.')[0],
      ]);
      assert.equal(upstream.requests.length, 2);
    } finally {
      await proxy.server.close();
    }
  });
});

describe('proxy server: static files and operations', () => {
  let dir: string;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const upstream = fakeUpstream();
  const operations = {
    handle(req: http.IncomingMessage, res: http.ServerResponse) {
      if (!req.url?.startsWith('/__status')) return false;
      res.end('status page');
      return true;
    },
  };
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-proxy-static-'));
    fs.writeFileSync(path.join(dir, 'app.js'), 'console.log(1);');
    proxy = await startProxy(
      {
        upstream,
        staticFiles: new StaticFiles({ root: dir }),
        adminToken: 'the-admin-token',
        operations,
        throttle: { take: async () => ({ allowed: false, retryAfterSeconds: 9 }) },
      },
      '0.0.0.0',
    );
  });
  after(async () => {
    await proxy.server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves static files itself, without a session cookie or the throttle', async () => {
    const file = await request(proxy.port, '/static/app.js');
    assert.equal(file.status, 200);
    assert.equal(file.body, 'console.log(1);');
    assert.equal(file.headers['set-cookie'], undefined);
    assert.ok(file.headers['cache-status']);
    assert.equal((await request(proxy.port, '/static/missing.js')).status, 404);
    assert.equal(upstream.requests.length, 0);
  });

  it('answers /__health from loopback: 200 while an upstream is healthy, 503 when none is', async () => {
    const ok = await request(proxy.port, '/__health');
    assert.equal(ok.status, 200);
    assert.deepEqual(JSON.parse(ok.body), { status: 'ok', healthyUpstreams: 1 });
    upstream.healthyCount = 0;
    try {
      assert.equal((await request(proxy.port, '/__health')).status, 503);
    } finally {
      upstream.healthyCount = 1;
    }
    assert.equal((await request(proxy.port, '/__status')).body, 'status page');
  });

  it('refuses PURGE and operations from elsewhere without the admin token', async (t) => {
    const address = externalAddress();
    if (!address) return t.skip('this machine has no address but loopback');
    for (const [method, target] of [
      ['PURGE', '/p/1'],
      ['GET', '/__health'],
      ['GET', '/__status'],
      ['GET', '/__metrics'],
    ]) {
      const refused = await request(proxy.port, target!, { method, host: address });
      assert.equal(refused.status, 403, `${method} ${target}`);
    }
    const allowed = await request(proxy.port, '/p/1', {
      method: 'PURGE',
      host: address,
      headers: { authorization: 'Bearer the-admin-token' },
    });
    assert.equal(allowed.status, 200);
    const wrong = await request(proxy.port, '/__health', {
      host: address,
      headers: { authorization: 'Bearer nope' },
    });
    assert.equal(wrong.status, 403);
  });
});

describe('proxy server: request smuggling and oversized heads (raw sockets)', () => {
  const upstream = fakeUpstream();
  let port: number;
  let server: ProxyServer;
  before(async () => {
    ({ server, port } = await startProxy({ upstream }));
  });
  after(() => server.close());

  const smuggled = 'GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n';
  const shapes: [string, string, number][] = [
    [
      'Transfer-Encoding with Content-Length',
      `POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
      400,
    ],
    [
      'Transfer-Encoding on HTTP/1.0',
      `POST /a HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
      400,
    ],
    [
      'Transfer-Encoding not ending in chunked',
      `POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n${smuggled}`,
      400,
    ],
    [
      'Transfer-Encoding: chunked, gzip',
      `POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n${smuggled}`,
      400,
    ],
    [
      'Transfer-Encoding split over two fields',
      `POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n${smuggled}`,
      400,
    ],
    [
      'an obfuscated Transfer-Encoding',
      `POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n${smuggled}`,
      400,
    ],
    [
      'a coding before chunked',
      `POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n${smuggled}`,
      501,
    ],
    ['two Host headers', `GET /a HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\n\r\n${smuggled}`, 400],
    [
      'two Content-Lengths',
      `POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab${smuggled}`,
      400,
    ],
  ];
  for (const [name, data, status] of shapes) {
    it(`refuses ${name} with ${status} and closes the connection`, async () => {
      const before = upstream.requests.length;
      const reply = await raw(port, data);
      assert.match(reply.text, new RegExp(`^HTTP/1\\.1 ${status} `));
      assert.equal(reply.text.match(/HTTP\/1\.1/g)?.length, 1, 'one answer only');
      assert.ok(reply.closed, 'closed');
      assert.equal(upstream.requests.length, before, 'nothing reached the app tier');
    });
  }

  it('answers an oversized head with 431 and closes', async () => {
    const reply = await raw(
      port,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    assert.match(reply.text, /^HTTP\/1\.1 431 /);
    assert.ok(reply.closed);
  });

  it('still serves a well-formed chunked request', async () => {
    const reply = await raw(
      port,
      'POST /ok HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
    );
    assert.match(reply.text, /^HTTP\/1\.1 200 /);
    assert.equal(upstream.requests.at(-1)!.body?.toString(), 'abc');
  });
});

describe('proxy server: slow clients', () => {
  it('closes a client that trickles its head within the header timeout plus a second', async () => {
    const { server, port } = await startProxy({
      upstream: fakeUpstream(),
      timeouts: { headersMs: 1000, requestMs: 2000 },
    });
    try {
      const started = performance.now();
      const socket = net.connect(port, '127.0.0.1');
      const closed = new Promise<number>((resolve) =>
        socket.on('close', () => resolve(performance.now() - started)),
      );
      socket.on('error', () => undefined);
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      const head = 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ';
      let i = 0;
      const drip = setInterval(() => {
        if (!socket.destroyed) socket.write(head[i++ % head.length]!);
      }, 100);
      const ms = await closed;
      clearInterval(drip);
      assert.ok(ms >= 900 && ms <= 2300, `closed after ${ms.toFixed(0)} ms`);
      assert.match(text, /^HTTP\/1\.1 408 /);
    } finally {
      await server.close();
    }
  });

  it('drops a client that stops reading its answer once nothing has moved for the stall timeout', async () => {
    const size = 48 * 1024 * 1024;
    const huge = 'x'.repeat(size);
    const { server, port } = await startProxy({
      upstream: fakeUpstream(() => ({ headers: { 'cache-control': 'no-store' }, body: huge })),
      timeouts: { stalledWriteMs: 1000 },
    });
    try {
      const socket = net.connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.write('GET /huge HTTP/1.1\r\nHost: x\r\n\r\n');
      socket.pause();
      // Not reading: the kernel buffers fill, then the proxy's answer stops moving.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      let received = 0;
      socket.on('data', (chunk: Buffer) => (received += chunk.length));
      socket.resume();
      await new Promise((resolve) => socket.on('close', resolve));
      assert.ok(received < size, `received ${received} of ${size} bytes before the proxy gave up`);
    } finally {
      await server.close();
    }
  });

  it('closes a client that trickles its body within the request timeout plus a second', async () => {
    const { server, port } = await startProxy({
      upstream: fakeUpstream(),
      timeouts: { headersMs: 1000, requestMs: 1500 },
    });
    try {
      const reply = await raw(
        port,
        'POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc',
        5000,
      );
      assert.ok(reply.closed);
      assert.ok(reply.ms <= 2800, `closed after ${reply.ms.toFixed(0)} ms`);
    } finally {
      await server.close();
    }
  });
});
