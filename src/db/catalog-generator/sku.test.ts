import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isbnCheckDigit, skuFor } from './sku.js';

/** Validates a hyphenated ISBN-13 the way a bookseller's scanner would. */
function isValidIsbn13(isbn: string): boolean {
  const digits = isbn.replace(/-/g, '');
  if (!/^97[89]\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

describe('SKUs', () => {
  it('computes ISBN-13 check digits of published books', () => {
    assert.equal(isbnCheckDigit('978030640615'), 7);
    assert.equal(isbnCheckDigit('978186197271'), 2);
    assert.equal(isbnCheckDigit('978000000000'), 2);
  });

  it('gives books a valid hyphenated ISBN-13 carrying the product id', () => {
    assert.equal(skuFor(12_345, 2), `978-1-00012-345-${isbnCheckDigit('978100012345')}`);
    for (const id of [1, 9, 10, 999_999, 10_000_000]) {
      const sku = skuFor(id, 2);
      assert.match(sku, /^978-\d-\d{5}-\d{3}-\d$/);
      assert.ok(isValidIsbn13(sku), sku);
    }
  });

  it('prefixes other sections and keeps every SKU unique and rising with the id', () => {
    assert.equal(skuFor(42, 1), 'TOY-00000042');
    assert.equal(skuFor(42, 3), 'VG-00000042');
    assert.equal(skuFor(42, 4), 'BABY-00000042');
    const skus = [1, 2, 3, 10, 11, 99_999, 100_000].map((id) => skuFor(id, 2));
    assert.deepEqual([...skus].sort(), skus);
    assert.equal(new Set([1, 2, 3, 4].flatMap((s) => [7, 8].map((id) => skuFor(id, s)))).size, 8);
  });
});
