import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { openDatabase, migrate } from '../../src/db/index.js';
import {
  insertCatalogFixture,
  startYuletide,
  type RunningProcess,
} from '../../src/testing/index.js';

interface Listed {
  role: string;
  pid: number;
  port: number;
  restarts: number;
  healthy?: boolean;
}

const HAS_SEARCH = fs.existsSync(
  fileURLToPath(new URL('../../src/cli/commands/search.js', import.meta.url)),
);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm start: the supervised cluster', () => {
  let dir: string;
  let port: number;
  let cluster: RunningProcess;
  const listed = () =>
    (
      JSON.parse(fs.readFileSync(path.join(dir, 'cluster.json'), 'utf8')) as {
        processes: Listed[];
      }
    ).processes;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-cluster-'));
    const url = `sqlite:${path.join(dir, 'store.db')}`;
    const database = openDatabase(url);
    await migrate(database);
    await insertCatalogFixture(database);
    await database.close();
    port = await freePort();
    cluster = await startYuletide(['start'], {
      DATA_DIR: dir,
      DATABASE_URL: url,
      PORT: String(port),
      APP_SERVERS: '2',
      THROTTLE: 'off',
    });
    await waitFor(
      () => (cluster.output().includes('Yuletide is ready at') ? true : undefined),
      60_000,
      'the ready line',
    );
  });
  after(async () => {
    await cluster.stop('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints its address, keeps a generated site secret, and serves the store', async () => {
    assert.match(
      cluster.output(),
      new RegExp(`Yuletide is ready at http://127\\.0\\.0\\.1:${port}/`),
    );
    assert.equal(fs.statSync(path.join(dir, 'site-secret')).mode & 0o777, 0o600);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(home.status, 200);
    assert.match(String(home.headers.get('set-cookie')), /HttpOnly/);
  });

  it('lists proxy, two app servers and search in /__status', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/__status`, {
      headers: { accept: 'application/json' },
    });
    assert.equal(response.status, 200);
    const status = (await response.json()) as { processes: Listed[] };
    const roles = status.processes.map((p) => p.role).sort();
    assert.deepEqual(
      roles,
      HAS_SEARCH ? ['app', 'app', 'proxy', 'search'] : ['app', 'app', 'proxy'],
    );
    for (const p of status.processes) {
      assert.ok(p.pid > 0 && alive(p.pid), `${p.role} pid ${p.pid} runs`);
      assert.ok(p.port > 0);
      assert.equal(p.healthy, true, `${p.role} is healthy`);
    }
    assert.equal(status.processes.find((p) => p.role === 'proxy')!.port, port);
  });

  it('restarts a crashed child', async () => {
    const victim = listed().find((p) => p.role === 'app')!;
    process.kill(victim.pid, 'SIGKILL');
    const replacement = await waitFor(
      () =>
        listed().find((p) => p.role === 'app' && p.port === victim.port && p.pid !== victim.pid),
      5000,
      'the app server to be restarted',
    );
    assert.equal(replacement.restarts, victim.restarts + 1);
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = await fetch(`http://127.0.0.1:${victim.port}/__health`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(status, 200, 'the restarted app server answers on the same port');
  });

  it('stops every child on SIGTERM', async () => {
    const pids = listed().map((p) => p.pid);
    const code = await cluster.stop('SIGTERM');
    assert.equal(code, 0);
    for (const pid of pids) assert.equal(alive(pid), false, `child ${pid} has exited`);
    assert.equal(fs.existsSync(path.join(dir, 'cluster.json')), false);
  });
});
