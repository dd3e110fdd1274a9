import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { migrate, openDatabase, seedCatalog } from '../../src/db/index.js';
import { PROJECT_ROOT, startYuletide, type RunningProcess } from '../../src/testing/index.js';

/** One GET over a fresh connection. */
function get(port: number, pathname: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: pathname, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** Runs a yuletide command to its end. */
function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(PROJECT_ROOT, 'bin', 'yuletide.js'), ...args],
      {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('search daemon process', () => {
  let dir: string;
  let env: Record<string, string>;
  let daemon: RunningProcess | undefined;
  let app: RunningProcess | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-e2e-search-'));
    const url = `sqlite:${path.join(dir, 'store.db')}`;
    const database = openDatabase(url);
    await migrate(database);
    await seedCatalog(database, { products: 2000, seed: 2000 });
    await database.close();
    env = { DATA_DIR: dir, DATABASE_URL: url };
  });
  after(async () => {
    await app?.stop('SIGKILL');
    await daemon?.stop('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers searches as JSON once it says it is listening', async () => {
    daemon = await startYuletide(['search', '--port', '0', '--threads', '2'], env);
    const res = await get(daemon.port, '/search?q=book&sort=price-asc&per_page=5');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /application\/json/);
    const body = JSON.parse(res.body) as {
      total: number;
      ids: number[];
      facets: object;
      took_ms: number;
    };
    assert.ok(body.total > 0 && body.ids.length === 5 && typeof body.took_ms === 'number');
    assert.ok('category' in body.facets && 'brand' in body.facets);
    assert.equal((await get(daemon.port, '/__health')).status, 200);
    assert.equal((await get(daemon.port, '/search?q=book&page=-1')).status, 400);
    const line = daemon
      .output()
      .split('\n')
      .find((l) => l.includes('listening'))!;
    assert.equal((JSON.parse(line) as { role: string }).role, 'search');
  });

  it('rebuilds on `yuletide reindex` with every search answered meanwhile', async () => {
    const paths = [
      '/search?q=book',
      '/search?q=dino',
      '/search?q=lego st',
      '/search?category=strollers',
    ];
    let rebuilding = true;
    const statuses: number[] = [];
    const client = async () => {
      for (let i = 0; rebuilding; i++) {
        statuses.push((await get(daemon!.port, encodeURI(paths[i % paths.length]!))).status);
      }
    };
    const clients = Array.from({ length: 4 }, client);
    const result = await run(['reindex'], {
      ...env,
      SEARCH_URL: `http://127.0.0.1:${daemon!.port}`,
    });
    rebuilding = false;
    await Promise.all(clients);
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /reindexed 2,000 products/);
    assert.ok(statuses.length > 0);
    assert.deepEqual(
      statuses.filter((status) => status !== 200),
      [],
    );
    const status = JSON.parse((await get(daemon!.port, '/__status')).body) as { reindexes: number };
    assert.equal(status.reindexes, 1);
  });

  it("serves the store's search page, and the page rests when the daemon dies", async () => {
    app = await startYuletide(['app', '--port', '0'], {
      ...env,
      SEARCH_URL: `http://127.0.0.1:${daemon!.port}`,
    });
    const page = await get(app.port, '/search?q=book');
    assert.equal(page.status, 200);
    assert.match(page.body, /Showing 1–24 of/);
    await daemon!.stop('SIGKILL');
    const started = performance.now();
    const resting = await get(app.port, '/search?q=dinosaur');
    assert.ok(performance.now() - started < 1000);
    assert.equal(resting.status, 503);
    assert.match(resting.body, /Search is resting/);
    assert.equal((await get(app.port, '/')).status, 200);
    assert.equal((await get(app.port, '/p/1')).status, 200);
  });

  it('restarts from its snapshot, and rebuilds when the snapshot is corrupt', async () => {
    daemon = await startYuletide(['search', '--port', '0', '--threads', '1'], env);
    assert.match(daemon.output(), /"source":"snapshot"[^\n]*listening/);
    await daemon.stop();
    const file = path.join(dir, 'search', 'index.snapshot');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length >> 1]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    daemon = await startYuletide(['search', '--port', '0', '--threads', '1'], env);
    assert.match(daemon.output(), /snapshot not used/);
    assert.match(daemon.output(), /"source":"database"[^\n]*listening/);
    assert.equal((await get(daemon.port, '/search?q=book')).status, 200);
  });
});
