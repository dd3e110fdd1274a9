import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RecentKeys } from './recent-keys.js';

describe('RecentKeys', () => {
  it('remembers the keys added, and not others', () => {
    const keys = new RecentKeys(1 << 16);
    for (let id = 0; id < 1000; id++) keys.add(`/p/${id}`);
    for (let id = 0; id < 1000; id++) assert.ok(keys.has(`/p/${id}`), `/p/${id}`);
    let wrong = 0;
    for (let id = 1000; id < 101_000; id++) if (keys.has(`/p/${id}`)) wrong++;
    assert.equal(wrong, 0);
  });

  it('forgets a key whose slot a newer key took', () => {
    const keys = new RecentKeys(1);
    keys.add('/p/1');
    keys.add('/p/2');
    assert.ok(keys.has('/p/2'));
    assert.equal(keys.has('/p/1'), false);
  });

  it('refuses a size it cannot hold', () => {
    for (const slots of [0, -1, 1.5, 2 ** 31, Number.NaN]) {
      assert.throws(() => new RecentKeys(slots), TypeError, String(slots));
    }
  });
});
