import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sign, verify } from './signed-value.js';

describe('signed values', () => {
  it('verifies its own signature and nothing else', () => {
    const signed = sign('secret', 'abc123');
    assert.equal(verify('secret', signed), 'abc123');
    assert.equal(verify('other secret', signed), undefined);
    assert.equal(verify('secret', `abc124${signed.slice(6)}`), undefined);
    assert.equal(verify('secret', signed.slice(0, -1)), undefined);
    for (const junk of ['', '.', 'abc', '.abc', 'abc.', 'a.b.c'])
      assert.equal(verify('secret', junk), undefined);
  });
});
