import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from './random.js';

const draw = (random: Random, n: number) => Array.from({ length: n }, () => random.uint32());

describe('Random', () => {
  it('repeats its sequence for the same seed and stream', () => {
    assert.deepEqual(draw(new Random(42, 7), 100), draw(new Random(42, 7), 100));
  });

  it('diverges for neighbouring seeds and streams, and for seeds beyond 32 bits', () => {
    const base = draw(new Random(42, 7), 20);
    assert.notDeepEqual(draw(new Random(43, 7), 20), base);
    assert.notDeepEqual(draw(new Random(42, 8), 20), base);
    assert.notDeepEqual(draw(new Random(42 + 2 ** 32, 7), 20), base);
    assert.notDeepEqual(draw(new Random(-42, 7), 20), base);
  });

  it('keeps int() inside its bounds and reaches both ends', () => {
    const random = new Random(1);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(random.int(3, 9));
    assert.deepEqual([...seen].sort(), [3, 4, 5, 6, 7, 8, 9]);
  });

  it('draws zipf() indices in range with the head far more likely than the tail', () => {
    const random = new Random(5);
    const counts = new Array<number>(100).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const index = random.zipf(100, 1);
      assert.ok(index >= 0 && index < 100);
      counts[index]! += 1;
    }
    assert.ok(counts[0]! > 10 * counts[99]!, `head ${counts[0]} tail ${counts[99]}`);
    assert.ok(counts[0]! > counts[9]! && counts[9]! > counts[49]!);
  });

  it('gives normal() a mean near 0 and a spread near 1', () => {
    const random = new Random(9);
    const values = Array.from({ length: 20_000 }, () => random.normal());
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    assert.ok(Math.abs(mean) < 0.05, `mean ${mean}`);
    assert.ok(Math.abs(sd - 1) < 0.05, `sd ${sd}`);
  });
});
