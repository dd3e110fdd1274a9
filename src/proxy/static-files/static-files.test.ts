import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { StaticFiles } from './static-files.js';

/** One request over a fresh connection, with the path sent exactly as given. */
function request(
  port: number,
  target: string,
  method = 'GET',
  headers: http.OutgoingHttpHeaders = {},
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: target, method, headers, agent: false },
        (res) => {
          let body = '';
          res.setEncoding('latin1');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('static files', () => {
  let dir: string;
  let root: string;
  let server: http.Server;
  let port: number;
  const css = 'body { color: red; }\n'.repeat(10);
  const big = Buffer.alloc(3000, 'b');

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-static-'));
    root = path.join(dir, 'public');
    fs.mkdirSync(path.join(root, 'css'), { recursive: true });
    fs.writeFileSync(path.join(root, 'css', 'store.css'), css);
    fs.writeFileSync(path.join(root, 'favicon.svg'), '<svg/>');
    fs.writeFileSync(path.join(root, 'big.bin'), big);
    fs.writeFileSync(path.join(root, '.env'), 'SECRET=1');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the root');
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'link.txt'));
    const files = new StaticFiles({
      root,
      aliases: { '/favicon.ico': ['favicon.ico', 'favicon.svg'] },
      // Files above 1 KiB are streamed from disk, so both ways are tested.
      maxMemoryFileBytes: 1024,
    });
    server = http.createServer((req, res) => void files.serve(req, res, ['x-extra', 'yes']));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves a file with its type, length, ETag, Last-Modified and the extra fields', async () => {
    const res = await request(port, '/static/css/store.css');
    assert.equal(res.status, 200);
    assert.equal(res.body, css);
    assert.equal(res.headers['content-type'], 'text/css; charset=utf-8');
    assert.equal(res.headers['content-length'], String(css.length));
    assert.match(String(res.headers.etag), /^"[0-9a-f]+-[0-9a-f]+"$/);
    const mtime = fs.statSync(path.join(root, 'css', 'store.css')).mtime;
    assert.equal(
      res.headers['last-modified'],
      new Date(Math.floor(mtime.getTime() / 1000) * 1000).toUTCString(),
    );
    assert.equal(res.headers['accept-ranges'], 'bytes');
    assert.equal(res.headers['x-extra'], 'yes');
  });

  it('answers If-None-Match and If-Modified-Since with 304', async () => {
    const first = await request(port, '/static/css/store.css');
    const byTag = await request(port, '/static/css/store.css', 'GET', {
      'if-none-match': `W/${String(first.headers.etag)}`,
    });
    assert.equal(byTag.status, 304);
    assert.equal(byTag.body, '');
    assert.equal(byTag.headers.etag, first.headers.etag);
    const byDate = await request(port, '/static/css/store.css', 'GET', {
      'if-modified-since': String(first.headers['last-modified']),
    });
    assert.equal(byDate.status, 304);
    const older = await request(port, '/static/css/store.css', 'GET', {
      'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT',
    });
    assert.equal(older.status, 200);
    const otherTag = await request(port, '/static/css/store.css', 'GET', {
      'if-none-match': '"nope"',
      'if-modified-since': String(first.headers['last-modified']),
    });
    assert.equal(otherTag.status, 200, 'If-None-Match decides when present');
  });

  it('serves single byte ranges with 206, from memory and from disk', async () => {
    for (const [target, whole] of [
      ['/static/css/store.css', css],
      ['/static/big.bin', big.toString('latin1')],
    ] as const) {
      const part = await request(port, target, 'GET', { range: 'bytes=2-11' });
      assert.equal(part.status, 206, target);
      assert.equal(part.body, whole.slice(2, 12));
      assert.equal(part.headers['content-range'], `bytes 2-11/${whole.length}`);
      assert.equal(part.headers['content-length'], '10');
      const tail = await request(port, target, 'GET', { range: 'bytes=-5' });
      assert.equal(tail.body, whole.slice(-5));
    }
  });

  it('answers an unsatisfiable range with 416, and ignores a range whose If-Range is stale', async () => {
    const over = await request(port, '/static/big.bin', 'GET', { range: 'bytes=5000-' });
    assert.equal(over.status, 416);
    assert.equal(over.headers['content-range'], `bytes */${big.length}`);
    const stale = await request(port, '/static/big.bin', 'GET', {
      range: 'bytes=0-1',
      'if-range': '"old"',
    });
    assert.equal(stale.status, 200);
    assert.equal(stale.body.length, big.length);
    const first = await request(port, '/static/big.bin', 'HEAD');
    const current = await request(port, '/static/big.bin', 'GET', {
      range: 'bytes=0-1',
      'if-range': String(first.headers.etag),
    });
    assert.equal(current.status, 206);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await request(port, '/static/big.bin', 'HEAD');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-length'], String(big.length));
    assert.equal(res.body, '');
  });

  it('serves /favicon.ico from the first alias that exists', async () => {
    const res = await request(port, '/favicon.ico');
    assert.equal(res.status, 200);
    assert.equal(res.body, '<svg/>');
    assert.equal(res.headers['content-type'], 'image/svg+xml');
  });

  it('answers 404 for unknown files, hidden files, and any way out of the folder', async () => {
    for (const target of [
      '/static/nope.css',
      '/static/css',
      '/static/',
      '/static/.env',
      '/static/../secret.txt',
      '/static/%2e%2e/secret.txt',
      '/static/css/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/static/css/..%2f..%2fsecret.txt',
      '/static/..%5csecret.txt',
      '/static/link.txt',
      '/static/css//store.css',
      '/static/%00',
      '/static/%E0%A4%A',
    ]) {
      const res = await request(port, target);
      assert.equal(res.status, 404, target);
      assert.doesNotMatch(res.body, /outside the root|SECRET/, target);
    }
  });

  it('refuses other methods with 405', async () => {
    const res = await request(port, '/static/css/store.css', 'POST');
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, 'GET, HEAD');
  });

  it('sees a changed file within a second', async () => {
    const before = await request(port, '/static/css/store.css');
    const file = path.join(root, 'css', 'store.css');
    fs.writeFileSync(file, 'body { color: blue; }\n');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await request(port, '/static/css/store.css');
    assert.equal(after.body, 'body { color: blue; }\n');
    assert.notEqual(after.headers.etag, before.headers.etag);
  });
});
