import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { openDatabase, migrate } from '../../src/db/index.js';
import {
  insertCatalogFixture,
  redisSkipReason,
  startYuletide,
  TEST_REDIS_URL,
  type RunningProcess,
} from '../../src/testing/index.js';

const STORES: { name: string; skip: string | false; env: Record<string, string> }[] = [
  { name: 'memory', skip: false, env: {} },
  { name: 'redis', skip: await redisSkipReason(), env: { REDIS_URL: TEST_REDIS_URL } },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Outcome {
  status: number;
  retryAfter: string | undefined;
  body: string;
  ms: number;
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!;
}

for (const store of STORES) {
  describe(`throttling through the proxy (${store.name} store)`, { skip: store.skip }, () => {
    let dir: string;
    let app: RunningProcess;
    let proxy: RunningProcess;

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-throttle-'));
      const url = `sqlite:${path.join(dir, 'store.db')}`;
      const database = openDatabase(url);
      await migrate(database);
      await insertCatalogFixture(database);
      await database.close();
      const env = {
        DATA_DIR: dir,
        DATABASE_URL: url,
        SITE_SECRET: 'throttle-test-secret-0123456789',
        THROTTLE_RATE: '20',
        THROTTLE_BURST: '20',
        ...store.env,
      };
      app = await startYuletide(['app', '--port', '0'], env);
      proxy = await startYuletide(
        ['proxy', '--port', '0', '--upstream', `http://127.0.0.1:${app.port}`],
        env,
      );
    });
    after(async () => {
      await Promise.all([proxy, app].map((p) => p?.stop('SIGKILL')));
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('gives one client at 10× the limit 429s; ten at a normal rate get none and no worse p99', async (t) => {
      assert.match(proxy.output(), new RegExp(`"throttle":"${store.name}"`));
      const pool = new Pool(`http://127.0.0.1:${proxy.port}`, { connections: 64 });
      t.after(() => pool.close());
      let sequence = 0;
      const get = async (cookie: string): Promise<Outcome> => {
        const started = performance.now();
        // A fresh query each time: a miss, so each request would reach the app tier.
        const response = await pool.request({
          method: 'GET',
          path: `/p/3?n=${sequence++}`,
          headers: { cookie },
        });
        return {
          status: response.statusCode,
          retryAfter: response.headers['retry-after'] as string | undefined,
          body: await response.body.text(),
          ms: performance.now() - started,
        };
      };
      const pace = async (cookie: string, perSecond: number, ms: number) => {
        const pending: Promise<Outcome>[] = [];
        const started = performance.now();
        for (let i = 0; (i * 1000) / perSecond < ms; i++) {
          const wait = started + (i * 1000) / perSecond - performance.now();
          if (wait > 1) await sleep(wait);
          pending.push(get(cookie));
        }
        return Promise.all(pending);
      };
      // Eleven sessions, issued by the proxy with a page.
      const cookies = await Promise.all(
        Array.from({ length: 11 }, async () => {
          const response = await pool.request({ method: 'GET', path: '/' });
          await response.body.dump();
          const setCookie = String(response.headers['set-cookie']);
          return setCookie.slice(0, setCookie.indexOf(';'));
        }),
      );
      const normal = cookies.slice(0, 10);
      const abuser = cookies[10]!;
      const everyone = () =>
        Promise.all(normal.map((c) => pace(c, 10, 1500))).then((r) => r.flat());

      await pace(abuser, 5, 200); // warm the connections
      const calmRun = await everyone();
      await sleep(1000); // let the normal buckets refill
      const [busyRun, abuse] = await Promise.all([everyone(), pace(abuser, 200, 1500)]);

      assert.deepEqual(
        [...calmRun, ...busyRun].filter((r) => r.status !== 200).map((r) => r.status),
        [],
        'no normal client was refused',
      );
      const refused = abuse.filter((r) => r.status === 429);
      const allowed = abuse.filter((r) => r.status === 200).length;
      assert.ok(refused.length >= 200, `abuser refused ${refused.length} of ${abuse.length}`);
      assert.ok(allowed <= 60, `abuser allowed ${allowed}`);
      for (const response of refused) {
        assert.ok(Number(response.retryAfter) >= 1, 'every 429 has Retry-After');
      }
      assert.match(refused[0]!.body, /<html/i, 'a friendly page');
      const calm = p99(calmRun.map((r) => r.ms));
      const busy = p99(busyRun.map((r) => r.ms));
      t.diagnostic(
        `${store.name}: normal p99 ${calm.toFixed(1)} ms alone, ${busy.toFixed(1)} ms beside the abuser; abuser ${allowed} allowed, ${refused.length} refused`,
      );
      // "No worse", within the noise of a shared 2-core machine: 3× or 25 ms.
      assert.ok(busy <= Math.max(calm * 3, calm + 25), `p99 ${busy} ms vs ${calm} ms alone`);
    });
  });
}
