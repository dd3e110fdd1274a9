import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OldestKeys } from './oldest-keys.js';

describe('OldestKeys', () => {
  it('gives the oldest key still in the map, through deletes, re-sets, an empty map and a clear', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const oldest = new OldestKeys(map);
    map.delete(oldest.next()!);
    map.delete('b');
    map.set('d', 4);
    map.delete('c');
    map.set('c', 5);
    assert.equal(oldest.next(), 'd', 'c moved to the end when deleted and set again');
    map.delete('d');
    map.delete(oldest.next()!);
    assert.equal(oldest.next(), undefined);
    map.set('e', 6);
    assert.equal(oldest.next(), 'e');
    map.clear();
    map.set('f', 7);
    assert.equal(oldest.next(), 'f');
  });
});
