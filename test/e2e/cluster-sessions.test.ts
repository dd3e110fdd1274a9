import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';
import { openDatabase, migrate } from '../../src/db/index.js';
import { SessionCookies } from '../../src/proxy/index.js';
import {
  insertCatalogFixture,
  startYuletide,
  type RunningProcess,
} from '../../src/testing/index.js';

const SECRET = 'sessions-test-secret-0123456789';

/** Runs `count` tasks, `concurrency` at a time. */
async function inBatches<T>(count: number, concurrency: number, task: (i: number) => Promise<T>) {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

describe('sessions through the proxy', () => {
  let dir: string;
  let app: RunningProcess;
  let proxy: RunningProcess;
  let pool: Pool;
  const cookies = new SessionCookies({ secret: SECRET, secure: false });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-sessions-'));
    const url = `sqlite:${path.join(dir, 'store.db')}`;
    const database = openDatabase(url);
    await migrate(database);
    await insertCatalogFixture(database);
    await database.close();
    const env = { DATA_DIR: dir, DATABASE_URL: url, SITE_SECRET: SECRET, THROTTLE: 'off' };
    app = await startYuletide(['app', '--port', '0'], env);
    proxy = await startYuletide(
      ['proxy', '--port', '0', '--upstream', `http://127.0.0.1:${app.port}`],
      env,
    );
    pool = new Pool(`http://127.0.0.1:${proxy.port}`, { connections: 50 });
  });
  after(async () => {
    await pool?.close();
    await Promise.all([proxy, app].map((p) => p?.stop('SIGKILL')));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = async (pathname: string, cookie?: string) => {
    const response = await pool.request({
      method: 'GET',
      path: pathname,
      headers: cookie ? { cookie } : {},
    });
    await response.body.dump();
    return {
      status: response.statusCode,
      setCookie: response.headers['set-cookie'] as string | undefined,
      cacheStatus: String(response.headers['cache-status']),
    };
  };

  it('gives 1,000 anonymous clients of one cached page 1,000 distinct valid sessions', async () => {
    await get('/p/3'); // now cached
    const answers = await inBatches(1000, 50, () => get('/p/3'));
    assert.ok(answers.every((a) => a.status === 200));
    const hits = answers.filter((a) => /hit/.test(a.cacheStatus)).length;
    assert.ok(hits >= 990, `${hits} of 1,000 were cache hits`);
    const ids = answers.map((a) => {
      assert.ok(a.setCookie, 'every anonymous answer sets a session cookie, hits included');
      assert.match(a.setCookie, /; HttpOnly/);
      const id = cookies.read(a.setCookie.slice(0, a.setCookie.indexOf(';')));
      assert.ok(id, 'the cookie verifies under the site secret');
      return id;
    });
    assert.equal(new Set(ids).size, 1000);
  });

  it('refuses and replaces 10,000 mutations of a valid cookie', async () => {
    const { setCookie } = await get('/p/3');
    const valid = setCookie!.slice(0, setCookie!.indexOf(';'));
    const value = valid.slice(valid.indexOf('=') + 1);
    assert.equal((await get('/p/3', valid)).setCookie, undefined, 'a valid cookie is kept');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=';
    // mulberry32: deterministic, so a failure can be replayed.
    let state = 2000;
    const random = (n: number) => {
      state = (state + 0x6d2b79f5) >>> 0;
      let z = Math.imul(state ^ (state >>> 15), state | 1);
      z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
      return Math.floor((((z ^ (z >>> 14)) >>> 0) / 2 ** 32) * n);
    };
    const mutants = new Set<string>();
    // One to three edits each (replace, insert, delete): more than 10,000 distinct mutants.
    while (mutants.size < 10_000) {
      let mutant = value;
      for (let edits = 1 + random(3); edits > 0; edits--) {
        const at = random(mutant.length);
        const char = alphabet[random(alphabet.length)]!;
        const kind = random(3);
        mutant =
          mutant.slice(0, at) + (kind === 2 ? '' : char) + mutant.slice(kind === 1 ? at : at + 1);
      }
      if (mutant !== value) mutants.add(mutant);
    }
    const list = [...mutants];
    const answers = await inBatches(list.length, 50, (i) => get('/p/3', `yt_sid=${list[i]}`));
    const kept = answers.filter((a) => a.setCookie === undefined).length;
    assert.equal(kept, 0, 'every mutated cookie was replaced');
    assert.ok(answers.every((a) => a.status === 200));
  });
});
