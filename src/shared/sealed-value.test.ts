import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seal, sealingKey, unseal } from './sealed-value.js';

describe('sealed values (AES-256-GCM)', () => {
  const key = sealingKey('a site secret of some length', 'checkout');
  const payload = { shippingMethod: 'express', totalCents: 4599 };

  it('opens for its own context before it expires', () => {
    const sealed = seal(key, payload, 'session-a', Date.now() + 60_000);
    assert.deepEqual(unseal(key, sealed, 'session-a'), { ok: true, payload });
    assert.ok(!sealed.includes('express'), 'the payload is not readable');
  });

  it('refuses another session, a changed byte, another key, and an expired value', () => {
    const sealed = seal(key, payload, 'session-a', Date.now() + 60_000);
    assert.deepEqual(unseal(key, sealed, 'session-b'), { ok: false, reason: 'tampered' });
    const bytes = Buffer.from(sealed, 'base64url');
    for (const at of [0, 13, bytes.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at]! ^ 1;
      assert.deepEqual(unseal(key, changed.toString('base64url'), 'session-a'), {
        ok: false,
        reason: 'tampered',
      });
    }
    assert.deepEqual(
      unseal(sealingKey('another secret entirely', 'checkout'), sealed, 'session-a'),
      { ok: false, reason: 'tampered' },
    );
    assert.deepEqual(unseal(key, '', 'session-a'), { ok: false, reason: 'tampered' });
    const old = seal(key, payload, 'session-a', Date.now() - 1);
    assert.deepEqual(unseal(key, old, 'session-a'), { ok: false, reason: 'expired' });
  });
});
