import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import {
  fixtureDatabase,
  freePort,
  isAlive,
  issueSessions,
  startYuletide,
  waitFor,
  type FixtureDatabase,
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

/** `npm start` (the supervisor) on a free PORT over the fixture database; resolves once ready. */
async function startCluster(database: FixtureDatabase, env: Record<string, string> = {}) {
  const port = await freePort();
  const cluster = await startYuletide(['start'], {
    DATA_DIR: database.dir,
    DATABASE_URL: database.url,
    PORT: String(port),
    APP_SERVERS: '2',
    THROTTLE: 'off',
    ...env,
  });
  await waitFor(
    () => (cluster.output().includes('Yuletide is ready at') ? true : undefined),
    60_000,
    'the ready line',
  );
  /** The supervisor's list of its children (DATA_DIR/cluster.json). */
  const listed = () =>
    (
      JSON.parse(fs.readFileSync(path.join(database.dir, 'cluster.json'), 'utf8')) as {
        processes: Listed[];
      }
    ).processes;
  return { cluster, port, listed };
}

describe('npm start: the supervised cluster', () => {
  let database: FixtureDatabase;
  let port: number;
  let cluster: RunningProcess;
  let listed: () => Listed[];
  /** The processes /__status lists, with the proxy's view of their health. */
  const status = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/__status`, {
      headers: { accept: 'application/json' },
    });
    assert.equal(response.status, 200);
    return ((await response.json()) as { processes: Listed[] }).processes;
  };

  before(async () => {
    database = await fixtureDatabase('cluster');
    // Debug: the app servers' access lines say which process served each request id.
    ({ cluster, port, listed } = await startCluster(database, { LOG_LEVEL: 'debug' }));
  });
  after(async () => {
    await cluster?.stop('SIGKILL');
    database?.remove();
  });

  it('prints its address, keeps a generated site secret, and serves the store', async () => {
    assert.match(
      cluster.output(),
      new RegExp(`Yuletide is ready at http://127\\.0\\.0\\.1:${port}/`),
    );
    assert.equal(fs.statSync(path.join(database.dir, 'site-secret')).mode & 0o777, 0o600);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(home.status, 200);
    assert.match(String(home.headers.get('set-cookie')), /HttpOnly/);
  });

  it('lists proxy, two app servers and search in /__status', async () => {
    const processes = await status();
    const roles = processes.map((p) => p.role).sort();
    assert.deepEqual(
      roles,
      HAS_SEARCH ? ['app', 'app', 'proxy', 'search'] : ['app', 'app', 'proxy'],
    );
    for (const p of processes) {
      assert.ok(p.pid > 0 && isAlive(p.pid), `${p.role} pid ${p.pid} runs`);
      assert.ok(p.port > 0);
      assert.equal(p.healthy, true, `${p.role} is healthy`);
    }
    assert.equal(processes.find((p) => p.role === 'proxy')!.port, port);
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
    await waitFor(
      () =>
        fetch(`http://127.0.0.1:${victim.port}/__health`).then(
          (r) => (r.status === 200 ? true : undefined),
          () => undefined,
        ),
      10_000,
      'the restarted app server to answer on the same port',
      100,
    );
  });

  it("brings a restarted app server back into the proxy's rotation, with its sessions", async (t) => {
    const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 8 });
    t.after(() => pool.close());
    let sequence = 0;
    /** The pid of the app server that served one GET for the session (a miss: a fresh query). */
    const servedBy = async (cookie: string) => {
      const response = await pool.request({
        method: 'GET',
        path: `/p/3?rejoin=${sequence++}`,
        headers: { cookie },
      });
      await response.body.dump();
      assert.equal(response.statusCode, 200);
      const line = `"reqId":"${String(response.headers['x-request-id'])}"`;
      // Access lines are written after the answer, through an asynchronous log stream.
      const logged = await waitFor(
        () =>
          cluster
            .output()
            .split('\n')
            .find((l) => l.includes(line) && l.includes('"app"')),
        5000,
        `the access line of ${line}`,
        20,
      );
      return (JSON.parse(logged) as { pid: number }).pid;
    };
    await waitFor(
      async () => ((await status()).every((p) => p.healthy) ? true : undefined),
      20_000,
      'every process to be healthy in /__status',
      200,
    );
    const cookies = await issueSessions(pool, 16);
    const victim = listed().find((p) => p.role === 'app')!;
    const homes = await Promise.all(cookies.map(servedBy));
    const theirs = cookies.filter((_, i) => homes[i] === victim.pid);
    assert.ok(theirs.length > 0, 'some sessions are served by the victim');

    process.kill(victim.pid, 'SIGKILL');
    // Its sessions move at once: the refused connection takes the server out of rotation.
    for (const cookie of theirs) assert.notEqual(await servedBy(cookie), victim.pid);
    const out = await waitFor(
      async () => (await status()).find((p) => p.port === victim.port && !p.healthy),
      5000,
      'the proxy to report the killed server unhealthy',
    );
    assert.equal(out.role, 'app');
    const back = await waitFor(
      async () =>
        (await status()).find((p) => p.port === victim.port && p.pid !== victim.pid && p.healthy),
      20_000,
      'the restarted server to be healthy in /__status',
      200,
    );
    // Rendezvous hashing gives each session its server again once the server is back.
    for (const cookie of theirs) assert.equal(await servedBy(cookie), back.pid);
  });

  it('stops every child on SIGTERM', async () => {
    const pids = listed().map((p) => p.pid);
    const code = await cluster.stop('SIGTERM');
    assert.equal(code, 0);
    for (const pid of pids) assert.equal(isAlive(pid), false, `child ${pid} has exited`);
    assert.equal(fs.existsSync(path.join(database.dir, 'cluster.json')), false);
  });
});

describe('npm start: kill -9 of the supervisor', () => {
  let database: FixtureDatabase;
  let pids: number[] = [];

  before(async () => {
    database = await fixtureDatabase('orphans');
  });
  after(() => {
    // Whatever the outcome, leave no process behind.
    for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    database?.remove();
  });

  it('takes every child down with it: none is left orphaned', async (t) => {
    const { cluster, listed } = await startCluster(database);
    pids = listed().map((p) => p.pid);
    assert.equal(pids.length, HAS_SEARCH ? 4 : 3);
    assert.equal(await cluster.stop('SIGKILL'), 'SIGKILL');
    const started = performance.now();
    await waitFor(
      () => (pids.every((pid) => !isAlive(pid)) ? true : undefined),
      20_000,
      'every child to exit',
    ).catch(() => undefined);
    assert.deepEqual(pids.filter(isAlive), [], 'no child outlives its supervisor');
    t.diagnostic(`every child gone ${(performance.now() - started).toFixed(0)} ms after kill -9`);
  });
});
