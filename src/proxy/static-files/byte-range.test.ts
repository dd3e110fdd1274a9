import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRange } from './byte-range.js';

describe('parseRange (RFC 9110 §14.1.2)', () => {
  it('reads first-last, open-ended and suffix ranges', () => {
    assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange('bytes=95-200', 100), { start: 95, end: 99 }, 'clipped to the end');
    assert.deepEqual(parseRange('bytes=-500', 100), { start: 0, end: 99 });
  });

  it('finds ranges that start past the end unsatisfiable', () => {
    assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=-0', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=0-0', 0), 'unsatisfiable');
  });

  it('ignores what it does not understand, and several ranges: the whole body is sent', () => {
    for (const header of ['bytes=5-1', 'items=0-1', 'bytes=0-1,5-9', 'bytes=a-b', 'bytes=-']) {
      assert.equal(parseRange(header, 100), undefined, header);
    }
  });
});
