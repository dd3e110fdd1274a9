import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from './random.js';
import { Zipf } from './zipf.js';

describe('Zipf', () => {
  for (const s of [0.8, 1, 1.2]) {
    it(`draws ranks with probability ∝ 1/rank^${s}`, () => {
      const n = 50;
      const zipf = new Zipf(n, s);
      const random = new Random(7);
      const counts = new Array<number>(n + 1).fill(0);
      const draws = 200_000;
      for (let i = 0; i < draws; i++) counts[zipf.next(random)]!++;
      let norm = 0;
      for (let k = 1; k <= n; k++) norm += k ** -s;
      for (const k of [1, 2, 5, 10, 50]) {
        const expected = (draws * k ** -s) / norm;
        // Five standard deviations of a binomial count: fails only when the sampler is wrong.
        const tolerance = 5 * Math.sqrt(expected);
        assert.ok(
          Math.abs(counts[k]! - expected) < tolerance,
          `rank ${k}: ${counts[k]} draws, expected ${expected.toFixed(0)} ± ${tolerance.toFixed(0)}`,
        );
      }
      assert.equal(counts[0], 0);
    });
  }

  it('stays within 1..n for a million ranks, in constant memory', () => {
    const zipf = new Zipf(1_000_000, 1);
    const random = new Random(1);
    let top = 0;
    for (let i = 0; i < 100_000; i++) {
      const k = zipf.next(random);
      assert.ok(k >= 1 && k <= 1_000_000);
      if (k === 1) top++;
    }
    // P(rank 1) = 1 / H(1,000,000) ≈ 1 / 14.39.
    assert.ok(Math.abs(top / 100_000 - 1 / 14.39) < 0.005, `rank 1 drawn ${top} times`);
  });
});
