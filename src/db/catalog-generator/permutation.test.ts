import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Permutation } from './permutation.js';
import { Random } from './random.js';

describe('Permutation', () => {
  for (const n of [1, 2, 3, 255, 256, 1000, 4097]) {
    it(`maps [0, ${n}) onto itself without repeats`, () => {
      const permutation = new Permutation(n, new Random(n));
      const seen = new Set<number>();
      for (let i = 0; i < n; i++) {
        const value = permutation.at(i);
        assert.ok(Number.isInteger(value) && value >= 0 && value < n, `at(${i}) = ${value}`);
        seen.add(value);
      }
      assert.equal(seen.size, n);
    });
  }

  it('shuffles: the order depends on the random keys and is not the identity', () => {
    const order = (seed: number) => {
      const permutation = new Permutation(1000, new Random(seed));
      return Array.from({ length: 1000 }, (_, i) => permutation.at(i));
    };
    assert.deepEqual(order(1), order(1));
    assert.notDeepEqual(order(1), order(2));
    const fixed = order(1).filter((value, index) => value === index).length;
    assert.ok(fixed < 20, `${fixed} fixed points`);
  });

  it('rejects sizes it cannot shuffle', () => {
    assert.throws(() => new Permutation(0, new Random(1)), RangeError);
    assert.throws(() => new Permutation(1.5, new Random(1)), RangeError);
  });
});
