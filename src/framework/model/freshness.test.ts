import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Freshness } from './freshness.js';

describe('Freshness', () => {
  it('keeps the shortest time-to-live, the newest change and every key', () => {
    const f = new Freshness();
    assert.equal(f.maxAge(60), 60);
    f.use(3600, 10, 'p1');
    f.use(15.7, 30, 'p2');
    f.use(300, 20);
    assert.equal(f.maxAge(60), 15);
    assert.equal(f.lastModified, 30);
    assert.deepEqual([...f.keys], ['p1', 'p2']);
    f.use(-5, 0);
    assert.equal(f.maxAge(60), 0);
  });
});
