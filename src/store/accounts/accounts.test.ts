import { randomBytes, scryptSync } from 'node:crypto';
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../db/index.js';
import { testDialects } from '../../testing/index.js';
import { Accounts } from './accounts.js';
import { BusyError } from '../../shared/index.js';
import { hashPassword, needsRehash, verifyPassword } from './password-hash.js';

/** A hash as this store made them before argon2id: scrypt at OWASP's N=2^17, r=8, p=1. */
function scryptHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
  return ['scrypt', 131072, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

describe('password hashing', () => {
  it('verifies the right password only, with OWASP argon2id costs recorded in the hash', async () => {
    const stored = await hashPassword('correct horse battery');
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword('correct horse battery', stored), true);
    assert.equal(await verifyPassword('correct horse batterY', stored), false);
    assert.equal(await verifyPassword('anything', 'not-a-hash'), false);
    assert.equal(await verifyPassword('anything', '$argon2id$v=19$m=19456,t=2,p=1$$'), false);
    assert.notEqual(await hashPassword('correct horse battery'), stored, 'salted');
    assert.equal(needsRehash(stored), false);
  });

  it('still verifies scrypt hashes stored before argon2id, and asks for them to be redone', async () => {
    const stored = scryptHash('correct horse battery');
    assert.equal(await verifyPassword('correct horse battery', stored), true);
    assert.equal(await verifyPassword('correct horse batterY', stored), false);
    assert.equal(needsRehash(stored), true);
    assert.equal(needsRehash(stored.replace('131072', '65536')), true);
  });

  it('hashes off the event loop, and refuses with a 503 beyond 16 waiting hashes', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 17 }, (_, i) => hashPassword(`password number ${i}`)),
    );
    const ms = performance.now() - started;
    clearInterval(timer);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    assert.equal(refused.length, 1);
    assert.ok(refused[0]!.reason instanceof BusyError && refused[0]!.reason.status === 503);
    assert.equal(outcomes.at(-1)!.status, 'rejected', 'the one beyond the bound');
    assert.ok(ticks >= ms / 5 / 3, `${ticks} timer ticks in ${ms.toFixed(0)} ms of hashing`);
  });
});

for (const dialect of await testDialects()) {
  describe(`accounts (${dialect.name})`, { skip: dialect.skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    let accounts: Accounts;
    before(async () => {
      ({ database, drop } = await dialect.create());
      accounts = new Accounts(database);
    });
    after(() => drop());

    it('registers a customer once per email, and explains bad input', async () => {
      const first = await accounts.register({
        email: ' Ada@Example.com ',
        name: 'Ada',
        password: 'a long enough secret',
      });
      assert.equal(first.kind, 'registered');
      assert.deepEqual(
        await accounts.register({
          email: 'ada@example.com',
          name: 'Ada',
          password: 'another long secret',
        }),
        {
          kind: 'email-taken',
        },
      );
      const bad = await accounts.register({ email: 'nope', name: '', password: 'short' });
      assert.equal(bad.kind, 'invalid');
      assert.deepEqual(Object.keys(bad.kind === 'invalid' ? bad.problems : {}).sort(), [
        'email',
        'name',
        'password',
      ]);
    });

    it('gives the same answer for an unknown email and a wrong password, and throttles guessing', async () => {
      const ok = await accounts.logIn({
        email: 'ADA@example.com',
        password: 'a long enough secret',
        address: '10.0.0.1',
      });
      assert.equal(ok.kind, 'logged-in');
      const wrong = await accounts.logIn({
        email: 'ada@example.com',
        password: 'wrong',
        address: '10.0.0.2',
      });
      const unknown = await accounts.logIn({
        email: 'nobody@example.com',
        password: 'wrong',
        address: '10.0.0.2',
      });
      assert.deepEqual(wrong, { kind: 'refused' });
      assert.deepEqual(unknown, wrong);
      for (let i = 0; i < 4; i++)
        await accounts.logIn({
          email: 'ada@example.com',
          password: `guess ${i}`,
          address: `10.1.0.${i}`,
        });
      const throttled = await accounts.logIn({
        email: 'ada@example.com',
        password: 'a long enough secret',
        address: '10.9.9.9',
      });
      assert.equal(
        throttled.kind,
        'throttled',
        'five failures lock the account for a while, even from a new address',
      );
    });

    it('rehashes an account stored with scrypt at its next login, which keeps working', async () => {
      const old = scryptHash('an older secret');
      await database.db
        .insertInto('customers')
        .values({ email: 'grace@example.com', name: 'Grace', password_hash: old, created_at: 1 })
        .execute();
      const login = () =>
        accounts.logIn({
          email: 'grace@example.com',
          password: 'an older secret',
          address: '10.3.0.1',
        });
      assert.equal((await login()).kind, 'logged-in');
      const row = await database.db
        .selectFrom('customers')
        .select('password_hash')
        .where('email', '=', 'grace@example.com')
        .executeTakeFirstOrThrow();
      assert.match(row.password_hash, /^\$argon2id\$/);
      assert.equal((await login()).kind, 'logged-in');
    });
  });
}
