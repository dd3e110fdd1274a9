import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Http1ConnectionPool,
  type Http1Reply,
  type Http1Request,
} from './http1-connection-pool.js';

function send(pool: Http1ConnectionPool, request: Partial<Http1Request>): Promise<Http1Reply> {
  return new Promise((resolve, reject) =>
    pool.send(
      { method: 'GET', path: '/', headerLines: '', keepBody: true, ...request },
      (error, reply) => (error ? reject(error) : resolve(reply!)),
    ),
  );
}

/** A raw TCP server that answers each request with `answer`, written in pieces of `piece` bytes. */
async function rawServer(answer: string, piece: number) {
  const heads: string[] = [];
  const server = net.createServer((socket) => {
    let seen = '';
    // Answers go out one after another, as a server's do, even while a piece waits.
    let writing = Promise.resolve();
    socket.on('data', (data) => {
      seen += data.toString('latin1');
      while (seen.includes('\r\n\r\n')) {
        heads.push(seen.slice(0, seen.indexOf('\r\n\r\n')));
        seen = seen.slice(seen.indexOf('\r\n\r\n') + 4);
        writing = writing.then(async () => {
          const bytes = Buffer.from(answer, 'latin1');
          for (let at = 0; at < bytes.length; at += piece) {
            socket.write(bytes.subarray(at, at + piece));
            // Each piece its own segment, so the client sees every split.
            await new Promise((resolve) => setImmediate(resolve));
          }
        });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin, heads };
}

describe('Http1ConnectionPool', () => {
  it('reads chunked and Content-Length bodies split anywhere, on one kept-alive connection', async (t) => {
    const chunked =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nSet-Cookie: a=1; Path=/\r\n' +
      'set-cookie: b=2\r\nCache-Status: yuletide; hit\r\n\r\n' +
      '5\r\nhello\r\na;ext=1\r\n, world!!!\r\n0\r\n\r\n';
    for (const piece of [1, 2, 3, 7, 1000]) {
      const { server, origin, heads } = await rawServer(chunked, piece);
      t.after(() => server.close());
      const pool = new Http1ConnectionPool(origin, { connections: 1, timeoutMs: 5_000 });
      t.after(() => pool.destroy());
      for (let i = 0; i < 3; i++) {
        const reply = await send(pool, { path: `/x${i}`, headerLines: 'cookie: c=3\r\n' });
        assert.equal(reply.status, 200);
        assert.equal(reply.body?.toString(), 'hello, world!!!', `pieces of ${piece}`);
        assert.equal(reply.bytes, 15);
        assert.deepEqual(reply.headers.setCookie, ['a=1; Path=/', 'b=2']);
        assert.equal(reply.headers.cacheStatus, 'yuletide; hit');
      }
      assert.equal(heads.length, 3);
      assert.match(heads[2]!, /^GET \/x2 HTTP\/1\.1\r\nhost: 127\.0\.0\.1:\d+\r\ncookie: c=3$/);
    }
  });

  it('sends form posts with their length, and reads redirects and empty bodies', async (t) => {
    const seen: { method?: string; body: string; type?: string }[] = [];
    const server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ method: request.method, body, type: request.headers['content-type'] });
        if (request.method === 'POST') response.writeHead(303, { location: '/cart' }).end();
        else response.writeHead(404).end('not here');
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const pool = new Http1ConnectionPool(origin, { connections: 2, timeoutMs: 5_000 });
    t.after(() => pool.destroy());

    const posted = await send(pool, {
      method: 'POST',
      path: '/cart/items',
      headerLines: 'content-type: application/x-www-form-urlencoded\r\n',
      body: 'product_id=7&_csrf=abc',
    });
    assert.equal(posted.status, 303);
    assert.equal(posted.headers.location, '/cart');
    assert.equal(posted.bytes, 0);
    const missing = await send(pool, { path: '/nowhere', keepBody: false });
    assert.equal(missing.status, 404);
    assert.equal(missing.body, undefined);
    assert.equal(missing.bytes, 8);
    assert.deepEqual(seen[0], {
      method: 'POST',
      body: 'product_id=7&_csrf=abc',
      type: 'application/x-www-form-urlencoded',
    });
  });

  it('queues requests beyond its connections, and sends a GET again when a kept-alive connection was closed', async (t) => {
    let connections = 0;
    let served = 0;
    const server = http.createServer((_request, response) => {
      served++;
      // Every third answer closes its connection afterwards, as a server ending keep-alive.
      response.shouldKeepAlive = served % 3 !== 0;
      setTimeout(() => response.end('ok'), 2);
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const pool = new Http1ConnectionPool(origin, { connections: 4, timeoutMs: 5_000 });
    t.after(() => pool.destroy());

    const replies = await Promise.all(Array.from({ length: 40 }, () => send(pool, {})));
    assert.ok(replies.every((reply) => reply.status === 200 && reply.body?.toString() === 'ok'));
    assert.equal(served, 40);
    assert.ok(connections > 4, 'closed connections were replaced');
    assert.equal(pool.queued, 0);
  });

  it('fails a request the server never answers, and one it cannot connect to', async (t) => {
    // Reads every request and answers none.
    const server = net.createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const silent = new Http1ConnectionPool(`http://127.0.0.1:${port}`, {
      connections: 1,
      timeoutMs: 100,
    });
    t.after(() => silent.destroy());
    await assert.rejects(send(silent, {}), { code: 'TIMEOUT' });
    server.close();
    await new Promise((resolve) => server.once('close', resolve));
    const refused = new Http1ConnectionPool(`http://127.0.0.1:${port}`, {
      connections: 1,
      timeoutMs: 1_000,
    });
    t.after(() => refused.destroy());
    await assert.rejects(send(refused, {}), { code: 'ECONNREFUSED' });
  });
});
