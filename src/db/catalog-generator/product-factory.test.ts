import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GeneratedCatalog } from './generated-catalog.js';
import type { GeneratedProduct } from './product-factory.js';
import { AGE_AND_UP } from './taxonomy-spec.js';
import { CATALOG_SPAN, SEED_NOW } from './timeline.js';

const N = 20_000;
const catalog = new GeneratedCatalog(7, N);
const made: GeneratedProduct[] = Array.from({ length: N }, (_, i) => catalog.factory.make(i));
const products = made.map((m) => m.product);
const share = (predicate: (p: (typeof products)[number]) => boolean) =>
  products.filter(predicate).length / N;

function isValidIsbn13(isbn: string): boolean {
  const digits = isbn.replace(/-/g, '');
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 3);
  return /^978\d{10}$/.test(digits) && sum % 10 === 0;
}

describe('ProductFactory', () => {
  it('makes the same first 200 products for the same seed, whatever the order', () => {
    const again = new GeneratedCatalog(7, N);
    const backwards = Array.from({ length: 200 }, (_, i) => again.factory.make(199 - i)).reverse();
    assert.deepEqual(backwards, made.slice(0, 200));
  });

  it('makes a different catalog for a different seed', () => {
    const other = new GeneratedCatalog(8, N);
    const first = Array.from({ length: 200 }, (_, i) => other.factory.make(i).product);
    const same = first.filter((p, i) => p.title === products[i]!.title).length;
    assert.ok(same < 20, `${same} of 200 titles unchanged`);
  });

  it('numbers products from 1 and puts each in a leaf category of its section', () => {
    const leaves = new Map(catalog.taxonomy.leaves.map((l) => [l.id, l]));
    products.forEach((p, i) => {
      assert.equal(p.id, i + 1);
      const leaf = leaves.get(p.category_id);
      assert.ok(leaf, `product ${p.id} is in leaf ${p.category_id}`);
      assert.equal(p.section_id, leaf.section.id);
    });
    for (const section of [1, 2, 3, 4]) assert.ok(share((p) => p.section_id === section) > 0.1);
  });

  it('ranks sales as a permutation of 1..N, with more reviews for the best-sellers', () => {
    const ranks = products.map((p) => p.sales_rank).sort((a, b) => a - b);
    assert.deepEqual(
      ranks,
      ranks.map((_, i) => i + 1),
    );
    const reviews = (from: number, to: number) => {
      const band = products.filter((p) => p.sales_rank >= from && p.sales_rank <= to);
      return band.reduce((sum, p) => sum + p.review_count, 0) / band.length;
    };
    assert.ok(reviews(1, 100) > 5 * reviews(N - 1000, N), 'Zipf-skewed reviews');
    assert.ok(products.every((p) => Number.isInteger(p.review_count) && p.review_count >= 1));
  });

  it('keeps about 8% out of stock and the rest between 1 and 500', () => {
    const out = made.filter((m) => m.inventory.on_hand === 0).length / N;
    assert.ok(Math.abs(out - 0.08) < 0.01, `${(out * 100).toFixed(1)}% out of stock`);
    for (const { product, inventory } of made) {
      assert.equal(inventory.product_id, product.id);
      assert.ok(inventory.on_hand >= 0 && inventory.on_hand <= 500);
      assert.equal(inventory.reserved, 0);
      assert.ok(inventory.updated_at >= product.created_at && inventory.updated_at <= SEED_NOW);
    }
  });

  it('gives books an author and a valid ISBN-13, and nothing else an author', () => {
    for (const p of products) {
      if (p.section_id === 2) {
        assert.ok(isValidIsbn13(p.sku), p.sku);
        assert.match(p.author ?? '', /^[A-Z][a-z]+( [A-Z]\.)? [A-Z]/);
      } else {
        assert.equal(p.author, null);
        assert.doesNotMatch(p.sku, /^978/);
      }
    }
    assert.equal(new Set(products.map((p) => p.sku)).size, N);
  });

  it('prices in cents ending .99, .49 or .00, list price at or above it, about 30% on sale', () => {
    for (const p of products) {
      assert.ok(Number.isInteger(p.price_cents) && p.price_cents > 0);
      assert.ok([99, 49, 0].includes(p.price_cents % 100), `${p.price_cents}`);
      assert.ok(p.list_price_cents >= p.price_cents);
    }
    const onSale = share((p) => p.list_price_cents > p.price_cents);
    assert.ok(Math.abs(onSale - 0.3) < 0.02, `${onSale} on sale`);
    assert.ok(share((p) => p.price_cents % 100 === 99) > 0.5);
  });

  it('prices within each category band', () => {
    const leaves = new Map(catalog.taxonomy.leaves.map((l) => [l.id, l]));
    for (const p of products) {
      const [min, max] = leaves.get(p.category_id)!.spec.price;
      assert.ok(p.price_cents >= min * 100 - 1 && p.price_cents <= max * 100 + 100, p.title);
    }
    const stroller = products.find((p) => /Stroller$/.test(p.title) && p.section_id === 4);
    assert.ok(stroller && stroller.price_cents >= 5999);
  });

  it('rates 1.0 to 5.0 in tenths, mostly favourably', () => {
    for (const p of products) {
      assert.ok(p.rating >= 1 && p.rating <= 5);
      assert.equal(Math.round(p.rating * 10), p.rating * 10);
    }
    const mean = products.reduce((sum, p) => sum + p.rating, 0) / N;
    assert.ok(mean > 3.8 && mean < 4.5, `mean rating ${mean}`);
  });

  it('sets age ranges in months: baby goods from birth, teen games 13 and up', () => {
    for (const p of products) {
      assert.ok(p.age_min_months >= 0 && p.age_min_months < p.age_max_months);
      assert.ok(p.age_max_months <= AGE_AND_UP);
    }
    const baby = products.filter((p) => p.section_id === 4);
    const infant = baby.filter((p) => p.age_min_months <= 24).length / baby.length;
    assert.ok(infant > 0.85, `${infant} of baby goods start by 24 months`);
    assert.ok(products.some((p) => p.section_id === 3 && p.age_min_months === 156));
  });

  it('spreads creation over three years before the fixed "now", rising with the id', () => {
    let previous = -Infinity;
    for (const p of products) {
      assert.ok(p.created_at >= SEED_NOW - CATALOG_SPAN && p.created_at <= SEED_NOW);
      assert.ok(p.created_at >= previous);
      assert.ok(p.updated_at >= p.created_at && p.updated_at <= SEED_NOW);
      previous = p.created_at;
    }
  });

  it('writes varied titles and descriptions of a few sentences', () => {
    assert.ok(new Set(products.map((p) => p.title)).size > N * 0.6, 'titles are varied');
    for (const p of products) {
      assert.ok(p.title.length >= 5 && p.title.length <= 120, p.title);
      assert.doesNotMatch(p.title, /\{|\}|undefined| {2}/);
      assert.ok(p.description.length >= 200 && p.description.length <= 400, p.description);
      assert.doesNotMatch(p.description, /\{|\}|undefined/);
    }
    assert.ok(products.some((p) => / – Nintendo Switch$/.test(p.title)));
  });
});
