import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tagForChange } from './change-tags.js';

describe('tagForChange', () => {
  it('maps product and category changes to the surrogate keys the app tags pages with', () => {
    assert.equal(tagForChange({ topic: 'product', key: '123' }), 'p123');
    assert.equal(tagForChange({ topic: 'category', key: '45' }), 'c45');
    assert.equal(tagForChange({ topic: 'order', key: '9' }), undefined);
    assert.equal(tagForChange({ topic: 'cache', key: '*' }), undefined);
  });
});
