import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { SessionCookies } from './session-cookies.js';

const SECRET = 'a-test-secret-of-enough-length';
/** base64url, then characters a forger might try; not `;` or space, which end a cookie-pair. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=,+/%"\\';

/** A deterministic generator, so a failing mutation can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

/** One random edit of `value`: replace, insert, delete, swap two characters, or truncate. */
function mutate(value: string, next: () => number): string {
  const at = Math.floor(next() * value.length);
  const char = ALPHABET[Math.floor(next() * ALPHABET.length)]!;
  switch (Math.floor(next() * 5)) {
    case 0:
      return value.slice(0, at) + char + value.slice(at + 1);
    case 1:
      return value.slice(0, at) + char + value.slice(at);
    case 2:
      return value.slice(0, at) + value.slice(at + 1);
    case 3: {
      const other = Math.floor(next() * value.length);
      const chars = [...value];
      [chars[at], chars[other]] = [chars[other]!, chars[at]!];
      return chars.join('');
    }
    default:
      return value.slice(0, at);
  }
}

describe('SessionCookies', () => {
  const cookies = new SessionCookies({ secret: SECRET, secure: false });

  it('issues a cookie that reads back as its id, with the required attributes', () => {
    const { id, setCookie } = cookies.issue();
    assert.ok(Buffer.from(id, 'base64url').length >= 16, 'at least 128 random bits');
    assert.match(setCookie, /^yt_sid=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
    const value = setCookie.slice(0, setCookie.indexOf(';'));
    assert.equal(cookies.read(value), id);
    assert.equal(cookies.read(`theme=dark; ${value}; cart=2`), id);
  });

  it('marks the cookie Secure when served over TLS', () => {
    const secure = new SessionCookies({ secret: SECRET, secure: true, cookieName: 'sid' });
    assert.match(secure.issue().setCookie, /^sid=.*; Secure$/);
  });

  it('gives 1,000 issues 1,000 distinct ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => cookies.issue().id));
    assert.equal(ids.size, 1000);
  });

  it('refuses 10,000 mutations of a valid cookie', () => {
    const next = random(2000);
    const { setCookie } = cookies.issue();
    const valid = setCookie.slice('yt_sid='.length, setCookie.indexOf(';'));
    assert.ok(cookies.read(`yt_sid=${valid}`));
    let tried = 0;
    for (let i = 0; i < 10_000; i++) {
      let changed = mutate(valid, next);
      // Some edits are no-ops (swapping two equal characters, replacing one with itself).
      while (changed === valid) changed = mutate(valid, next);
      const header = `yt_sid=${changed}`;
      assert.equal(cookies.read(header), undefined, `accepted mutation ${i}: ${header}`);
      tried++;
    }
    assert.equal(tried, 10_000);
  });

  it('refuses the spare-bit twins of a MAC that lenient base64url decoding would accept', () => {
    const { setCookie } = cookies.issue();
    const valid = setCookie.slice(0, setCookie.indexOf(';'));
    const last = valid.at(-1)!;
    const index = ALPHABET.slice(0, 64).indexOf(last);
    const twin = valid.slice(0, -1) + ALPHABET[index + 1];
    assert.deepEqual(
      Buffer.from(twin.split('.')[1]!, 'base64url'),
      Buffer.from(valid.split('.')[1]!, 'base64url'),
      'the twin decodes to the same bytes',
    );
    assert.equal(cookies.read(twin), undefined);
  });

  it('refuses a cookie signed under another secret, and an unsigned id', () => {
    const other = new SessionCookies({ secret: `${SECRET}-other`, secure: false });
    const { id, setCookie } = other.issue();
    assert.equal(cookies.read(setCookie.slice(0, setCookie.indexOf(';'))), undefined);
    assert.equal(cookies.read(`yt_sid=${id}`), undefined);
    assert.equal(cookies.read(undefined), undefined);
    assert.equal(cookies.read(''), undefined);
  });

  it('compares MACs with crypto.timingSafeEqual', () => {
    const spy = mock.method(crypto, 'timingSafeEqual');
    syncBuiltinESMExports();
    try {
      const { id, setCookie } = cookies.issue();
      assert.equal(cookies.read(setCookie.slice(0, setCookie.indexOf(';'))), id);
      assert.equal(spy.mock.callCount(), 1);
    } finally {
      spy.mock.restore();
      syncBuiltinESMExports();
    }
  });

  it('names the option it refuses', () => {
    assert.throws(() => new SessionCookies({ secret: 'short', secure: false }), /options\.secret/);
    assert.throws(
      () => new SessionCookies({ secret: SECRET, secure: false, cookieName: 'a b' }),
      /options\.cookieName/,
    );
  });
});
