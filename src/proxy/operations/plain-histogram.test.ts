import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Histogram, Registry } from 'prom-client';
import { PlainHistogram } from './plain-histogram.js';

const BUCKETS = [0.001, 0.01, 0.1, 1];
const OBSERVED: [string, number][] = [
  ['hit', 0.0004],
  ['hit', 0.001], // on a bound: counted in that bound's bucket
  ['miss', 0.05],
  ['hit', 0.2],
  ['miss', 7],
  ['hit', 0.0009],
];

describe('PlainHistogram', () => {
  it("exposes exactly what prom-client's Histogram does for the same observations", async () => {
    const theirs = new Registry();
    const reference = new Histogram({
      name: 'test_seconds',
      help: 'Test durations',
      labelNames: ['cache'],
      buckets: BUCKETS,
      registers: [theirs],
    });
    const ours = new Registry();
    const plain = new PlainHistogram({
      name: 'test_seconds',
      help: 'Test durations',
      labelName: 'cache',
      labelValues: ['hit', 'stale', 'miss'],
      buckets: BUCKETS,
      registers: [ours],
    });
    for (const [cache, seconds] of OBSERVED) {
      reference.observe({ cache }, seconds);
      plain.observe(['hit', 'stale', 'miss'].indexOf(cache), seconds);
    }
    const text = await ours.metrics();
    assert.equal(text, await theirs.metrics());
    assert.match(text, /test_seconds_bucket\{le="0.001",cache="hit"\} 3/);
    assert.doesNotMatch(text, /cache="stale"/, 'a label value never observed is not shown');
  });

  it('starts again from zero when reset', async () => {
    const registry = new Registry();
    const plain = new PlainHistogram({
      name: 'test_seconds',
      help: 'Test durations',
      labelName: 'cache',
      labelValues: ['hit'],
      buckets: BUCKETS,
      registers: [registry],
    });
    plain.observe(0, 0.5);
    registry.resetMetrics();
    assert.doesNotMatch(await registry.metrics(), /test_seconds_count/);
  });
});
