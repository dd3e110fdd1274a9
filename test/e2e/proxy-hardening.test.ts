import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  rawExchange,
  startOrigin,
  startProxy,
  type RunningProcess,
  type TestOrigin,
} from '../../src/testing/index.js';

/** Writes `data` on a raw connection; resolves to what came back and whether the proxy closed it. */
const raw = (port: number, data: string) => rawExchange(port, data, 1500);

describe('proxy process: hardening (raw sockets)', () => {
  const seen: { url: string; headers: http.IncomingHttpHeaders }[] = [];
  let origin: TestOrigin;
  let proxy: RunningProcess;
  let dir: string;

  before(async () => {
    origin = await startOrigin((req, res) => {
      if (req.url !== '/__health') seen.push({ url: req.url ?? '', headers: req.headers });
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(req.headers));
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-proxy-hardening-'));
    proxy = await startProxy(origin.url, {
      DATA_DIR: dir,
      SITE_SECRET: 'proxy-hardening-test-secret',
      THROTTLE: 'off',
    });
  });
  after(async () => {
    await proxy?.stop('SIGKILL');
    await origin?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const smuggled = 'GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n';
  const shapes: [string, string, number][] = [
    [
      'Transfer-Encoding together with Content-Length',
      `POST /te-cl HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
      400,
    ],
    [
      'Transfer-Encoding on HTTP/1.0',
      `POST /te-10 HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`,
      400,
    ],
    [
      'a Transfer-Encoding that does not end in chunked',
      `POST /te-gzip HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n${smuggled}`,
      400,
    ],
    [
      'two Host headers',
      `GET /two-hosts HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\n\r\n${smuggled}`,
      400,
    ],
  ];
  for (const [name, data, status] of shapes) {
    it(`answers ${name} with ${status}, closes, and forwards nothing`, async () => {
      const before = seen.length;
      const reply = await raw(proxy.port, data);
      assert.match(reply.text, new RegExp(`^HTTP/1\\.1 ${status} `), reply.text);
      assert.equal(reply.text.match(/^HTTP\/1\.1 /gm)?.length, 1, 'one answer only');
      assert.ok(reply.closed, 'the connection is closed');
      assert.equal(seen.length, before, 'neither request reached the origin');
    });
  }

  it('answers an oversized head with 431 and closes', async () => {
    const reply = await raw(
      proxy.port,
      `GET / HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(32 * 1024)}\r\n\r\n`,
    );
    assert.match(reply.text, /^HTTP\/1\.1 431 /);
    assert.ok(reply.closed);
  });

  it('strips X-Forwarded-* and Forwarded from clients, and sends its own with a request id', async () => {
    const reply = await raw(
      proxy.port,
      'GET /who?x=1 HTTP/1.1\r\nHost: shop.test\r\nX-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Host: evil.test\r\n' +
        'Forwarded: for=6.6.6.6\r\nX-Request-Id: forged\r\nConnection: close\r\n\r\n',
    );
    assert.match(reply.text, /^HTTP\/1\.1 200 /);
    const last = seen.at(-1)!;
    assert.equal(last.url, '/who?x=1');
    assert.equal(last.headers['x-forwarded-for'], '127.0.0.1');
    assert.equal(last.headers['x-forwarded-host'], 'shop.test');
    assert.equal(last.headers['x-forwarded-proto'], 'http');
    assert.equal(last.headers['forwarded'], 'for=127.0.0.1;proto=http;host="shop.test"');
    const requestId = String(last.headers['x-request-id']);
    assert.notEqual(requestId, 'forged');
    assert.match(reply.text, new RegExp(`x-request-id: ${requestId}\\r\\n`, 'i'));
  });
});
