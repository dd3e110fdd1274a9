import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { Recorder } from './recorder.js';

describe('Recorder.span', () => {
  it('spreads a measurement over the seconds it covers, in proportion', () => {
    const recorder = new Recorder(10_000);
    const shares = [...recorder.span(10_500, 12_500)].map(([second, share]) => [second.t, share]);
    assert.deepEqual(shares, [
      [0, 0.25],
      [1, 0.5],
      [2, 0.25],
    ]);
  });

  it('leaves no second out when a sample comes late', () => {
    const recorder = new Recorder(0);
    const cpu = [0, 1_000, 3_400, 4_000]; // the second tick fired 1.4 s late
    for (let i = 1; i < cpu.length; i++) {
      for (const [second, share] of recorder.span(cpu[i - 1]!, cpu[i]!)) {
        second.cpu['proxy'] = (second.cpu['proxy'] ?? 0) + 100 * share;
      }
    }
    const perSecond = recorder.seconds.map((s) => Math.round(s.cpu['proxy'] ?? -1));
    assert.deepEqual(perSecond, [100, 42, 42, 117]);
  });

  it('finds a past second when later ones exist', () => {
    const recorder = new Recorder(0);
    recorder.second(5_500);
    const spans = [...recorder.span(1_500, 2_500)].map(([second, share]) => [second.t, share]);
    assert.deepEqual(spans, [
      [1, 0.5],
      [2, 0.5],
    ]);
  });

  it('ends, its shares adding up to one, for any fractional instants', () => {
    const recorder = new Recorder(1_234.567_891);
    let from = 1_234.567_891;
    for (let i = 0; i < 10_000; i++) {
      const to = from + 0.1 + ((i * 7_919) % 2_500) + (i % 30) / 3;
      const shares = [...recorder.span(from, to)].map(([, share]) => share);
      assert.ok(
        shares.length <= 4,
        `at most four seconds in a span under 3.5 s (got ${shares.length})`,
      );
      assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-9);
      from = to;
    }
  });

  it('ignores the part of a span before the run began', () => {
    const recorder = new Recorder(1_000);
    const spans = [...recorder.span(500, 1_500)].map(([second, share]) => [second.t, share]);
    assert.deepEqual(spans, [[0, 0.5]]);
  });
});
