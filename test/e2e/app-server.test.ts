import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { openDatabase, migrate } from '../../src/db/index.js';
import {
  insertCatalogFixture,
  startYuletide,
  type RunningProcess,
} from '../../src/testing/index.js';

/** One request over a fresh connection; resolves to status, headers and body. */
function request(
  port: number,
  pathname: string,
  method = 'GET',
  headers: http.OutgoingHttpHeaders = {},
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: pathname, method, headers, agent: false },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

describe('app server process', () => {
  let dir: string;
  let app: RunningProcess;
  let env: Record<string, string>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-e2e-'));
    const url = `sqlite:${path.join(dir, 'store.db')}`;
    const database = openDatabase(url);
    await migrate(database);
    await insertCatalogFixture(database);
    await database.close();
    env = { DATA_DIR: dir, DATABASE_URL: url };
    app = await startYuletide(['app', '--port', '0'], env);
  });
  after(async () => {
    await app.stop('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves pages, health and request ids', async () => {
    const home = await request(app.port, '/');
    assert.equal(home.status, 200);
    assert.match(String(home.headers['cache-control']), /^public, s-maxage=\d+$/);
    assert.ok(home.headers['x-request-id'], 'a request id is assigned');
    const echoed = await request(app.port, '/p/3', 'GET', { 'x-request-id': 'edge-42' });
    assert.equal(echoed.headers['x-request-id'], 'edge-42');
    assert.equal((await request(app.port, '/__health')).status, 200);
  });

  it('answers HEAD without a body', async () => {
    const head = await request(app.port, '/p/3', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  });

  it('writes JSON log lines', () => {
    const first = app
      .output()
      .split('\n')
      .find((line) => line.includes('listening'));
    assert.ok(first);
    const line = JSON.parse(first) as { role: string; pid: number };
    assert.equal(line.role, 'app');
    assert.equal(typeof line.pid, 'number');
  });

  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const second = await startYuletide(['app', '--port', '0'], env);
    // A request whose body is still arriving is in flight for as long as we like.
    const response = new Promise<{ status: number }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: second.port,
          path: '/search',
          method: 'POST',
          headers: { 'content-length': 10 },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        },
      );
      req.on('error', reject);
      req.write('12345');
      setTimeout(() => {
        void second.stop('SIGTERM');
        setTimeout(() => req.end('67890'), 300);
      }, 200);
    });
    assert.equal((await response).status, 405);
    assert.equal(await second.exited, 0);
    assert.match(second.output(), /"msg":"stopped"/);
  });

  it('refuses a bad option at start with a message naming it', async () => {
    await assert.rejects(
      startYuletide(['app', '--port', 'eighty'], env),
      /PORT must be an integer/,
    );
  });
});
