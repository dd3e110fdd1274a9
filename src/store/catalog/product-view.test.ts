import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { money } from './product-view.js';

describe('money', () => {
  it('shows cents as en-US dollars, as Intl.NumberFormat does', () => {
    const intl = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
    for (const cents of [0, 5, 10, 99, 100, 1999, 99_999, 100_000, 123_456, 123_456_789]) {
      assert.equal(money(cents), intl.format(cents / 100), String(cents));
    }
    assert.equal(money(123_456), '$1,234.56');
  });
});
