import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { exchange } from './upstream.js';

describe('exchange', () => {
  let server: http.Server;
  let pool: Pool;

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/cut') {
        res.writeHead(200, { 'content-length': '100' });
        res.write('only part of it');
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      // Chunked, in three writes, with a field sent twice.
      res.writeHead(200, ['content-type', 'text/html', 'set-cookie', 'a=1', 'set-cookie', 'b=2']);
      res.write('<p>one');
      setTimeout(() => res.write(' two'), 5);
      setTimeout(() => res.end(' three</p>'), 10);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  after(async () => {
    await pool.close();
    server.closeAllConnections();
    server.close();
  });

  it('collects a body sent in pieces, with repeated fields as a list', async () => {
    const response = await exchange(pool, { method: 'GET', path: '/' });
    assert.equal(response.status, 200);
    assert.equal(response.body.toString(), '<p>one two three</p>');
    assert.equal(response.headers['content-type'], 'text/html');
    assert.deepEqual(response.headers['set-cookie'], ['a=1', 'b=2']);
  });

  it('rejects when the connection is cut before the body is whole', async () => {
    await assert.rejects(exchange(pool, { method: 'GET', path: '/cut' }));
    // The pool goes on serving after the failure.
    assert.equal((await exchange(pool, { method: 'GET', path: '/' })).status, 200);
  });
});
