import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LatencyHistogram } from './latency-histogram.js';

describe('LatencyHistogram', () => {
  it('reads percentiles within 4 % of the exact ones', () => {
    const histogram = new LatencyHistogram();
    const samples: number[] = [];
    for (let i = 1; i <= 10_000; i++) {
      const ms = 0.2 + (i % 997) * 0.37 + (i % 13 === 0 ? 400 : 0);
      samples.push(ms);
      histogram.record(ms);
    }
    samples.sort((a, b) => a - b);
    for (const p of [50, 95, 99, 99.9]) {
      const exact = samples[Math.ceil((p / 100) * samples.length) - 1]!;
      const read = histogram.percentile(p);
      assert.ok(read >= exact && read <= exact * 1.04, `p${p}: ${read} for ${exact}`);
    }
    assert.equal(histogram.count, 10_000);
    assert.equal(histogram.max, samples.at(-1));
  });

  it('merges, and reads 0 when empty', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    assert.equal(a.percentile(99), 0);
    a.record(1);
    b.record(100);
    b.record(100);
    a.merge(b);
    assert.equal(a.count, 3);
    assert.equal(a.percentile(50), 100, 'never above the largest sample');
    assert.ok(a.percentile(10) >= 1 && a.percentile(10) <= 1.04);
  });
});
