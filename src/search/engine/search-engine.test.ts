import { describe, it, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { IndexBuilder, SearchEngine, type CatalogRow, type SearchTaxonomy } from './index.js';

const TAXONOMY: SearchTaxonomy = {
  categories: [
    { id: 1, parentId: null, slug: 'toys', name: 'Toys', path: '/1/' },
    { id: 2, parentId: 1, slug: 'train-sets', name: 'Train Sets', path: '/1/2/' },
    { id: 3, parentId: null, slug: 'books', name: 'Books', path: '/3/' },
  ],
  brands: [
    { id: 1, slug: 'acme', name: 'Acme' },
    { id: 2, slug: 'bolt', name: 'Bolt' },
  ],
};

function product(id: number, title: string, more: Partial<CatalogRow> = {}): CatalogRow {
  return {
    id,
    title,
    author: null,
    brandId: 1,
    categoryId: 2,
    priceCents: 1000 + id,
    ageMinMonths: 36,
    ageMaxMonths: 96,
    rating: 4,
    reviewCount: 10,
    salesRank: id,
    createdAt: Date.UTC(2026, 0, 1) + id * 86_400_000,
    available: 5,
    ...more,
  };
}

const ROWS = [
  product(1, 'Wooden Train Set'),
  product(2, 'Wooden Train Set', { salesRank: 50 }),
  product(3, 'Steam Train', { available: 0 }),
  product(4, 'Dragon Tales', { categoryId: 3, brandId: 2, author: 'Ada Writer' }),
  product(5, 'Train', { available: 0, salesRank: 900 }),
  ...Array.from({ length: 20 }, (_, i) => product(10 + i, `Freight Train ${i}`)),
];

function engineOf(rows: readonly CatalogRow[]): SearchEngine {
  const builder = new IndexBuilder(TAXONOMY);
  rows.forEach((row) => builder.add(row));
  return new SearchEngine(builder.finish(0));
}

describe('search engine', () => {
  let engine: SearchEngine;
  beforeEach(() => {
    engine = engineOf(ROWS);
  });

  describe('business rules of relevance', () => {
    it('puts the best-seller first among equal matches', () => {
      const ids = engine.search({ q: 'wooden train set' }).ids;
      assert.deepEqual(ids.slice(0, 2), [1, 2]);
      engine.apply([
        product(2, 'Wooden Train Set', { salesRank: 1 }),
        product(1, 'Wooden Train Set', { salesRank: 60 }),
      ]);
      assert.deepEqual(engine.search({ q: 'wooden train set' }).ids.slice(0, 2), [2, 1]);
    });

    it('puts an exact title first, even out of stock, then in-stock products before the rest', () => {
      const ids = engine.search({ q: 'train ', perPage: 100 }).ids;
      assert.equal(ids[0], 5, 'the product titled exactly "Train"');
      assert.ok(ids.indexOf(3) > ids.indexOf(29), 'out of stock after every in-stock match');
    });
  });

  describe('live changes', () => {
    it('applies a price change to filters, sorts and facets at once', () => {
      assert.equal(engine.search({ q: 'steam', maxPriceCents: 500 }).total, 0);
      engine.apply([product(3, 'Steam Train', { available: 0, priceCents: 499 })]);
      const result = engine.search({ q: 'steam', maxPriceCents: 500 });
      assert.deepEqual(result.ids, [3]);
      assert.equal(result.facets.price[0]!.count, 1);
      assert.equal(engine.search({ q: 'train', sort: 'price-asc' }).ids[0], 3);
    });

    it('applies a stock change to the in-stock filter and the stock tier', () => {
      assert.equal(engine.search({ q: 'steam', inStock: true }).total, 0);
      engine.apply([product(3, 'Steam Train', { available: 2 })]);
      assert.deepEqual(engine.search({ q: 'steam', inStock: true }).ids, [3]);
    });

    it('indexes a changed title again: old words stop matching, new ones match, no duplicate', () => {
      engine.apply([
        product(4, 'Rocket Tales', { categoryId: 3, brandId: 2, author: 'Ada Writer' }),
      ]);
      assert.equal(engine.search({ q: 'dragon' }).total, 0);
      assert.deepEqual(engine.search({ q: 'rocket' }).ids, [4]);
      assert.deepEqual(engine.search({ q: 'tales' }).ids, [4]);
      assert.deepEqual(engine.search({ q: 'writer' }).ids, [4], 'the author still finds it');
      assert.equal(engine.size, ROWS.length);
    });

    it('learns words it has never seen, for prefixes and typos too', () => {
      engine.apply([product(100, 'Zeppelin Kite', { categoryId: 1 })]);
      assert.deepEqual(engine.search({ q: 'zeppelin ' }).ids, [100]);
      assert.deepEqual(engine.search({ q: 'zepp' }).ids, [100]);
      assert.deepEqual(engine.search({ q: 'zeppelni ' }).ids, [100]);
      assert.deepEqual(
        engine.search({ q: '', category: 'toys', brand: 'acme', sort: 'newest' }).ids[0],
        100,
      );
    });

    it('removes a product that is gone', () => {
      engine.remove([1]);
      assert.deepEqual(engine.search({ q: 'wooden' }).ids, [2]);
      assert.equal(engine.size, ROWS.length - 1);
    });

    it('follows a renamed category slug', () => {
      engine.setTaxonomy({
        ...TAXONOMY,
        categories: TAXONOMY.categories.map((c) => (c.id === 2 ? { ...c, slug: 'trains' } : c)),
      });
      assert.equal(engine.search({ q: '', category: 'train-sets' }).total, 0);
      assert.equal(engine.search({ q: '', category: 'trains' }).total, ROWS.length - 1);
    });
  });

  describe('filters and facets', () => {
    it('includes descendants of a category and counts categories rolled up', () => {
      const result = engine.search({ q: 'train', category: 'toys' });
      assert.equal(result.total, 24);
      assert.deepEqual(
        result.facets.category.map((f) => [f.slug, f.count]),
        [
          ['toys', 24],
          ['train-sets', 24],
        ],
      );
    });

    it('counts ages that suit each year', () => {
      const age = engine.search({ q: 'dragon' }).facets.age;
      assert.equal(age.find((a) => a.years === 3)!.count, 1);
      assert.equal(age.find((a) => a.years === 10)!.count, 0);
    });
  });

  describe('bad input', () => {
    it('answers nothing for no words and no filters, without failing', () => {
      for (const q of ['', '   ', '!!! ??? ...', '—', 'x'.repeat(10_240), '%00<script>']) {
        const result = engine.search({ q });
        assert.equal(typeof result.total, 'number');
        assert.ok(Array.isArray(result.ids));
      }
      assert.equal(engine.search({ q: '' }).total, 0);
    });

    it('counts no facets for a query that matches nothing after one that matched', () => {
      assert.ok(engine.search({ q: 'train' }).facets.brand.length > 0);
      const none = engine.search({ q: 'xylophones' });
      assert.equal(none.total, 0);
      assert.deepEqual(none.facets.brand, []);
      assert.ok(none.facets.price.every((band) => band.count === 0));
    });

    it('finds nothing for filters that name nothing', () => {
      assert.equal(engine.search({ q: 'train', category: 'no-such' }).total, 0);
      assert.equal(engine.search({ q: 'train', brand: 'no-such' }).total, 0);
    });

    it('returns an empty page past the end and clamps odd page sizes', () => {
      assert.deepEqual(engine.search({ q: 'train', page: 1_000_000 }).ids, []);
      assert.equal(engine.search({ q: 'train', perPage: 100_000 }).ids.length, 24);
      assert.equal(engine.search({ q: 'train', perPage: -5, page: -3 }).ids.length, 1);
    });
  });
});
