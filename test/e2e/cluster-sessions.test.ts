import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from 'undici';
import { SessionCookies } from '../../src/proxy/index.js';
import {
  cookiePair,
  fixtureDatabase,
  inBatches,
  startStack,
  type FixtureDatabase,
  type Stack,
} from '../../src/testing/index.js';

const SECRET = 'sessions-test-secret-0123456789';

describe('sessions through the proxy', () => {
  let database: FixtureDatabase;
  let stack: Stack;
  let pool: Pool;
  const cookies = new SessionCookies({ secret: SECRET, secure: false });

  before(async () => {
    database = await fixtureDatabase('sessions');
    stack = await startStack({
      env: {
        DATA_DIR: database.dir,
        DATABASE_URL: database.url,
        SITE_SECRET: SECRET,
        THROTTLE: 'off',
      },
    });
    pool = new Pool(stack.url, { connections: 50 });
  });
  after(async () => {
    await pool?.close();
    await stack?.stop();
    database?.remove();
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
      const id = cookies.read(cookiePair(a.setCookie));
      assert.ok(id, 'the cookie verifies under the site secret');
      return id;
    });
    assert.equal(new Set(ids).size, 1000);
  });

  it('refuses and replaces 10,000 mutations of a valid cookie', async () => {
    const valid = cookiePair((await get('/p/3')).setCookie)!;
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
