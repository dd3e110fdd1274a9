import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SessionCookies } from '../../shared/index.js';
import { SessionMinter } from './session-minter.js';

/** The `name=value` pair of a Set-Cookie value, as a browser sends it back. */
const pairOf = (setCookie: string) => setCookie.slice(0, setCookie.indexOf(';'));

describe('SessionMinter', () => {
  // Short, block-sized, longer than SHA-256's 64-byte block (hashed first), and not ASCII.
  const secrets = [
    'a-test-secret-of-enough-length',
    'k'.repeat(64),
    'a-secret-longer-than-one-sha-256-block-'.repeat(3),
    'sécret-de-noël-🎄-assez-long',
  ];
  for (const secret of secrets) {
    it(`mints cookies SessionCookies reads back (secret of ${secret.length} characters)`, () => {
      const minter = new SessionMinter({ secret, secure: false });
      const cookies = new SessionCookies({ secret, secure: false });
      for (let i = 0; i < 600; i++) {
        const { id, setCookie } = minter.issue();
        assert.equal(cookies.read(pairOf(setCookie)), id);
        assert.equal(Buffer.from(id, 'base64url').length, 16, '128 random bits');
      }
    });
  }

  it('sets the attributes of SessionCookies: HttpOnly, SameSite=Lax, Path=/, Secure over TLS', () => {
    const secret = 'a-test-secret-of-enough-length';
    assert.match(
      new SessionMinter({ secret, secure: false }).issue().setCookie,
      /^yt_sid=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const secure = new SessionMinter({ secret, secure: true, cookieName: 'sid' });
    assert.match(secure.issue().setCookie, /^sid=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    assert.equal(secure.cookieName, 'sid');
  });

  it('never repeats an id across refills of its random pool', () => {
    const minter = new SessionMinter({ secret: 'a-test-secret-of-enough-length', secure: false });
    const ids = new Set(Array.from({ length: 5000 }, () => minter.issue().id));
    assert.equal(ids.size, 5000);
  });

  it('reads like SessionCookies: a cookie under another secret or tampered is refused', () => {
    const minter = new SessionMinter({ secret: 'a-test-secret-of-enough-length', secure: false });
    const other = new SessionMinter({ secret: 'another-secret-of-enough-length', secure: false });
    const { id, setCookie } = minter.issue();
    assert.equal(minter.read(`theme=dark; ${pairOf(setCookie)}`), id);
    assert.equal(other.read(pairOf(setCookie)), undefined);
    const tampered = pairOf(setCookie).replace(/.$/, (c) => (c === 'A' ? 'E' : 'A'));
    assert.equal(minter.read(tampered), undefined);
  });
});
