import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from 'undici';
import {
  fixtureDatabase,
  issueSessions,
  startStack,
  type FixtureDatabase,
  type Stack,
} from '../../src/testing/index.js';

/**
 * A proxy and two app servers on free ports. Which app server answered a request is read from
 * the app servers' own access lines (LOG_LEVEL=debug), which carry the request id the proxy
 * assigned and returned in `X-Request-Id`.
 */
describe('cluster failover: kill -9 of an app server under load', () => {
  let database: FixtureDatabase;
  let stack: Stack;

  before(async () => {
    database = await fixtureDatabase('failover');
    stack = await startStack({
      apps: 2,
      env: {
        DATA_DIR: database.dir,
        DATABASE_URL: database.url,
        SITE_SECRET: 'failover-test-secret-0123456789',
        THROTTLE: 'off',
      },
      appEnv: { LOG_LEVEL: 'debug' },
    });
  });
  after(async () => {
    await stack?.stop();
    database?.remove();
  });

  it('serves the session from the other server within 3 s, with no failed GET', async (t) => {
    const { apps } = stack;
    const pool = new Pool(stack.url, { connections: 32 });
    t.after(() => pool.close());
    const servedBy = (requestId: string) =>
      apps.findIndex((app) => app.output().includes(`"reqId":"${requestId}"`));

    // Twenty shoppers with sessions the proxy issued.
    const cookies = await issueSessions(pool, 20);
    const log: {
      session: number;
      started: number;
      ended: number;
      status: number;
      requestId: string;
    }[] = [];
    let sequence = 0;
    const get = async (session: number) => {
      const started = performance.now();
      // A fresh query every time: a page-cache miss, so every GET reaches an app server.
      const response = await pool.request({
        method: 'GET',
        path: `/p/${3 + (session % 10)}?n=${sequence++}`,
        headers: { cookie: cookies[session]! },
      });
      await response.body.dump();
      log.push({
        session,
        started,
        ended: performance.now(),
        status: response.statusCode,
        requestId: String(response.headers['x-request-id']),
      });
    };
    let running = true;
    const shoppers = cookies.map(async (_, session) => {
      while (running) await get(session);
    });

    await new Promise((resolve) => setTimeout(resolve, 800));
    const first = log.find((entry) => entry.session === 0)!;
    // The access line is written after the response: give the log a moment.
    let home = -1;
    for (let i = 0; i < 50 && home === -1; i++) {
      home = servedBy(first.requestId);
      if (home === -1) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.notEqual(home, -1, 'an app server logged the request');
    const killedAt = performance.now();
    apps[home]!.child.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 3500));
    running = false;
    await Promise.all(shoppers);

    assert.deepEqual(
      log.filter((entry) => entry.status !== 200),
      [],
      'no GET failed',
    );
    const moved = log.find((entry) => entry.session === 0 && entry.started > killedAt)!;
    assert.ok(moved, 'session 0 kept shopping after the kill');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(servedBy(moved.requestId), 1 - home, 'the other app server served it');
    const ms = moved.ended - killedAt;
    const after = log.filter((entry) => entry.started > killedAt).length;
    t.diagnostic(
      `session 0 served by the survivor ${ms.toFixed(0)} ms after kill -9; ${log.length} GETs, ${after} after the kill, 0 failed`,
    );
    assert.ok(ms < 3000, `served after ${ms} ms`);
  });
});
