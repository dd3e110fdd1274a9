import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { KeyedHmacSha256, MAX_MESSAGE_BYTES } from './keyed-hmac-sha256.js';

const reference = (key: string | Buffer, message: string) =>
  crypto.createHmac('sha256', key).update(message).digest('base64url');

describe('KeyedHmacSha256', () => {
  it('gives the MACs of RFC 4231 test case 2', () => {
    const mac = new KeyedHmacSha256('Jefe').macBase64url('what do ya want for nothing?');
    assert.equal(
      Buffer.from(mac, 'base64url').toString('hex'),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('agrees with node:crypto for keys short, block-sized, long and not ASCII, at every message length', () => {
    const keys: (string | Buffer)[] = [
      '',
      'k',
      'a-test-secret-of-enough-length',
      'k'.repeat(64),
      'a-secret-longer-than-one-sha-256-block-'.repeat(3),
      'sécret-de-noël-🎄-assez-long',
      crypto.randomBytes(32),
      crypto.randomBytes(200),
    ];
    for (const key of keys) {
      const hmac = new KeyedHmacSha256(key);
      for (let length = 0; length <= MAX_MESSAGE_BYTES; length++) {
        for (let round = 0; round < 20; round++) {
          const message = Buffer.from(
            crypto.randomBytes(length).map((byte) => byte & 0x7f),
          ).toString('latin1');
          assert.equal(hmac.macBase64url(message), reference(key, message), `length ${length}`);
        }
      }
    }
  });

  it('refuses messages it cannot sign rather than signing something else', () => {
    const hmac = new KeyedHmacSha256('a-test-secret-of-enough-length');
    assert.throws(() => hmac.macBase64url('x'.repeat(MAX_MESSAGE_BYTES + 1)), RangeError);
    assert.throws(() => hmac.macBase64url('noël'), RangeError);
  });
});
