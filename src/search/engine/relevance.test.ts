import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  IndexBuilder,
  SearchEngine,
  termOf,
  words,
  type CatalogRow,
  type SearchRequest,
} from './index.js';
import { allIds, seededCatalog, type SeededCatalog } from '../testing/search-fixture.js';
import { descriptionLimit } from './document-text.js';

// Every expectation here is computed from the generated rows, not typed in, so the catalog
// generator may change its vocabulary without these tests going stale.
describe('relevance on a fixed generated catalog (5,000 products)', () => {
  let catalog: SeededCatalog;
  let engine: SearchEngine;
  const byId = new Map<number, CatalogRow>();
  const search = (request: SearchRequest) => engine.search(request);
  const all = (request: SearchRequest) => allIds(search, request);
  const row = (id: number) => byId.get(id)!;
  let textOf: (r: CatalogRow) => string[];
  /** The words of a product's name fields: title, author, brand and category names. */
  let nameWords: (r: CatalogRow) => string[];

  before(async () => {
    catalog = await seededCatalog();
    const builder = new IndexBuilder(catalog.taxonomy);
    for (const r of catalog.rows) {
      builder.add(r);
      byId.set(r.id, r);
    }
    engine = new SearchEngine(builder.finish(0));
    const brands = new Map(catalog.taxonomy.brands.map((b) => [b.id, b.name]));
    const categories = new Map(catalog.taxonomy.categories.map((c) => [c.id, c.name]));
    // Description words are found when no more than `descriptionLimit` descriptions hold them.
    const holders = new Map<string, number>();
    for (const r of catalog.rows) {
      for (const stem of new Set(words(r.description ?? '').map(termOf))) {
        holders.set(stem, (holders.get(stem) ?? 0) + 1);
      }
    }
    const limit = descriptionLimit(catalog.rows.length);
    nameWords = (r) =>
      words(
        `${r.title} ${r.author ?? ''} ${brands.get(r.brandId)} ${categories.get(r.categoryId)}`,
      );
    textOf = (r) => [
      ...nameWords(r),
      ...words(r.description ?? '').filter((w) => holders.get(termOf(w))! <= limit),
    ];
  });
  after(() => catalog.drop());

  /** Products whose folded title no other product shares, best-sellers first. */
  const uniqueTitles = () => {
    const seen = new Map<string, number>();
    for (const r of catalog.rows) {
      const key = words(r.title).join(' ');
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    return catalog.rows
      .filter((r) => seen.get(words(r.title).join(' ')) === 1)
      .sort((a, b) => a.salesRank - b.salesRank);
  };
  const hasStem = (r: CatalogRow, word: string) =>
    textOf(r).some((w) => termOf(w) === termOf(word));
  const hasPrefix = (r: CatalogRow, prefix: string) => textOf(r).some((w) => w.startsWith(prefix));
  const subtree = (slug: string) => {
    const root = catalog.taxonomy.categories.find((c) => c.slug === slug)!;
    return new Set(
      catalog.taxonomy.categories.filter((c) => c.path.startsWith(root.path)).map((c) => c.id),
    );
  };
  const brandOf = (slug: string) => catalog.taxonomy.brands.find((b) => b.slug === slug)!.id;
  /** The brand with the most products among those matching `q`. */
  const brands = new Map<string, string>();
  const commonBrand = (q: string) => {
    const known = brands.get(q);
    if (known !== undefined) return known;
    const counts = new Map<number, number>();
    for (const id of all({ q }))
      counts.set(row(id).brandId, (counts.get(row(id).brandId) ?? 0) + 1);
    const [id] = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
    const slug = catalog.taxonomy.brands.find((b) => b.id === id)!.slug;
    brands.set(q, slug);
    return slug;
  };

  describe('exact titles', () => {
    it('puts the product titled exactly so first, for five best-sellers', () => {
      for (const product of uniqueTitles().slice(0, 5)) {
        assert.equal(search({ q: product.title }).ids[0], product.id, product.title);
      }
    });

    it('puts an exact title first even when that product is out of stock', () => {
      const product = uniqueTitles().find((r) => r.available === 0 && words(r.title).length >= 2)!;
      const result = search({ q: product.title });
      assert.equal(result.ids[0], product.id, product.title);
      assert.ok(
        result.ids.slice(1).some((id) => row(id).available > 0),
        'in-stock ones follow',
      );
    });

    it('ignores case, accents, spacing and punctuation', () => {
      const product = uniqueTitles()[5]!;
      const shouted = `   ${product.title.toUpperCase().replace(/ /g, '   ')}!!  `;
      assert.equal(search({ q: shouted }).ids[0], product.id);
      const accented = product.title.replace(/e/, 'é').replace(/a/, 'á');
      assert.equal(search({ q: accented }).ids[0], product.id);
    });
  });

  describe('stemmed forms', () => {
    for (const [plural, singular] of [
      ['dinosaurs', 'dinosaur'],
      ['trains', 'train'],
      ['puzzles', 'puzzle'],
      ['trucks', 'truck'],
    ] as const) {
      it(`finds "${singular}" for "${plural}", the same products in the same order`, () => {
        // A trailing space: the word is finished, so no prefix completions widen either query.
        const many = all({ q: `${plural} ` });
        assert.ok(many.length > 0);
        assert.deepEqual(many, all({ q: `${singular} ` }));
        for (const id of many) assert.ok(hasStem(row(id), singular), row(id).title);
      });
    }
  });

  describe('typos', () => {
    for (const [typo, meant] of [
      ['dinosuar', 'dinosaur'],
      ['strolers', 'strollers'],
      ['puzzel', 'puzzle'],
      ['unicron', 'unicorn'],
    ] as const) {
      it(`reads "${typo}" as "${meant}"`, () => {
        const fixed = search({ q: `${typo} ` });
        const right = search({ q: `${meant} ` });
        assert.ok(right.total > 0);
        assert.equal(fixed.total, right.total);
        assert.deepEqual(fixed.ids.slice(0, 10), right.ids.slice(0, 10));
      });
    }

    it('does not correct words shorter than five letters', () => {
      assert.equal(search({ q: 'dlol ' }).total, 0);
    });
  });

  describe('prefixes of the last word', () => {
    for (const prefix of ['dino', 'strol', 'puzz']) {
      it(`completes "${prefix}"`, () => {
        const ids = all({ q: prefix });
        assert.ok(ids.length > 0);
        for (const id of ids) assert.ok(hasPrefix(row(id), prefix), row(id).title);
      });
    }

    it('completes only the last word', () => {
      const ids = all({ q: 'nintendo swi' });
      assert.ok(ids.length > 0);
      for (const id of ids) {
        assert.ok(hasStem(row(id), 'nintendo') && hasPrefix(row(id), 'swi'), row(id).title);
      }
      assert.equal(search({ q: 'nint switch' }).total, 0, 'a finished first word is not a prefix');
    });

    it('completes a two-letter last word after other words, with every completion', () => {
      // The two letters that begin the most different words among the products holding "book".
      const starts = new Map<string, Set<string>>();
      for (const r of catalog.rows.filter((r) => hasStem(r, 'book'))) {
        for (const w of textOf(r).filter((w) => w.length > 2 && !w.startsWith('bo'))) {
          starts.set(w.slice(0, 2), (starts.get(w.slice(0, 2)) ?? new Set()).add(w));
        }
      }
      const [prefix] = [...starts].sort((a, b) => b[1].size - a[1].size)[0]!;
      const ids = all({ q: `book ${prefix}` });
      assert.ok(ids.length > 0);
      for (const id of ids) {
        assert.ok(hasStem(row(id), 'book') && hasPrefix(row(id), prefix), row(id).title);
      }
      const completions = new Set(
        ids.flatMap((id) => textOf(row(id))).filter((w) => w.startsWith(prefix)),
      );
      assert.ok(completions.size > 1, `${prefix}: ${[...completions].join(', ')}`);
    });

    it('completes a two-letter word alone to its most frequent completion', () => {
      // The word beginning "st" that the most products hold, counted from the rows.
      const holders = new Map<string, number>();
      for (const r of catalog.rows) {
        for (const w of new Set(
          textOf(r)
            .filter((w) => w.startsWith('st'))
            .map(termOf),
        )) {
          holders.set(w, (holders.get(w) ?? 0) + 1);
        }
      }
      const [top, count] = [...holders].sort((a, b) => b[1] - a[1])[0]!;
      const answer = search({ q: 'st' });
      assert.equal(answer.total, count, top);
      for (const id of all({ q: 'st' })) assert.ok(hasStem(row(id), top), row(id).title);
    });
  });

  describe('descriptions', () => {
    /** Each product's name stems, and the products whose description holds each stem. */
    const stems = () => {
      const names = new Map<number, Set<string>>();
      const described = new Map<string, number[]>();
      for (const r of catalog.rows) {
        names.set(r.id, new Set(nameWords(r).map(termOf)));
        for (const stem of new Set(words(r.description ?? '').map(termOf))) {
          described.set(stem, [...(described.get(stem) ?? []), r.id]);
        }
      }
      return { names, described, limit: descriptionLimit(catalog.rows.length) };
    };
    /** The most common word held only by descriptions, rare enough to index or not. */
    const descriptionOnly = (rare: boolean) => {
      const { names, described, limit } = stems();
      const named = new Set([...names.values()].flatMap((set) => [...set]));
      const [stem, ids] = [...described]
        .filter(([stem, ids]) => !named.has(stem) && ids.length <= limit === rare)
        .sort((a, b) => b[1].length - a[1].length)[0]!;
      const word = words(byId.get(ids[0]!)!.description ?? '').find((w) => termOf(w) === stem)!;
      return { word, ids };
    };

    it('finds a product by a word only its description holds', () => {
      const { word, ids } = descriptionOnly(true);
      assert.ok(ids.length > 1, word);
      assert.deepEqual(new Set(all({ q: `${word} ` })), new Set(ids), word);
    });

    it('does not index the description words most descriptions share', () => {
      const { word, ids } = descriptionOnly(false);
      assert.ok(ids.length > descriptionLimit(catalog.rows.length), word);
      assert.equal(search({ q: `${word} ` }).total, 0, word);
    });

    it('ranks a product named for a word above one that only describes it', () => {
      const { names, described, limit } = stems();
      // The indexed description word that most products hold only in their description, among
      // the words some product is named for.
      const [stem] = [...described]
        .filter(([stem, ids]) => ids.length <= limit && ids.some((id) => names.get(id)!.has(stem)))
        .sort(
          (a, b) =>
            b[1].filter((id) => !names.get(id)!.has(b[0])).length -
            a[1].filter((id) => !names.get(id)!.has(a[0])).length,
        )[0]!;
      const named = all({ q: `${stem} `, inStock: true }).map((id) => names.get(id)!.has(stem));
      assert.ok(named.includes(false) && named.includes(true), stem);
      assert.ok(named.lastIndexOf(true) < named.indexOf(false), stem);
    });
  });

  describe('filters with words', () => {
    const cases: [string, () => SearchRequest, (r: CatalogRow) => boolean][] = [
      [
        'a category and its descendants',
        () => ({ q: 'stroller', category: 'strollers' }),
        (r) => subtree('strollers').has(r.categoryId),
      ],
      [
        'a brand',
        () => ({ q: 'doll', brand: commonBrand('doll') }),
        (r) => r.brandId === brandOf(commonBrand('doll')),
      ],
      [
        'a price range',
        () => ({ q: 'plush', minPriceCents: 1000, maxPriceCents: 2499 }),
        (r) => r.priceCents >= 1000 && r.priceCents <= 2499,
      ],
      [
        'an age',
        () => ({ q: 'book', ageYears: 3 }),
        (r) => r.ageMinMonths <= 36 && r.ageMaxMonths >= 36,
      ],
      ['in stock', () => ({ q: 'nintendo', inStock: true }), (r) => r.available > 0],
    ];
    for (const [name, request, keep] of cases) {
      it(`keeps exactly the matches in ${name}`, () => {
        const { q } = request();
        const expected = all({ q }).filter((id) => keep(row(id)));
        assert.ok(expected.length > 0);
        assert.deepEqual(new Set(all(request())), new Set(expected));
      });
    }
  });

  describe('filters without words', () => {
    const cases: [string, () => SearchRequest, (r: CatalogRow) => boolean][] = [
      [
        'a top-level category',
        () => ({ q: '', category: 'strollers' }),
        (r) => subtree('strollers').has(r.categoryId),
      ],
      [
        'a brand',
        () => ({ q: '', brand: commonBrand('book') }),
        (r) => r.brandId === brandOf(commonBrand('book')),
      ],
      [
        'a category, in stock',
        () => ({ q: '', category: 'picture-books', inStock: true }),
        (r) => subtree('picture-books').has(r.categoryId) && r.available > 0,
      ],
      [
        'a price range and an age',
        () => ({ q: '', minPriceCents: 2500, maxPriceCents: 4999, ageYears: 6 }),
        (r) =>
          r.priceCents >= 2500 &&
          r.priceCents <= 4999 &&
          r.ageMinMonths <= 72 &&
          r.ageMaxMonths >= 72,
      ],
    ];
    for (const [name, request, keep] of cases) {
      it(`lists every product in ${name}, best-sellers first`, () => {
        const expected = catalog.rows.filter(keep).sort((a, b) => a.salesRank - b.salesRank);
        const result = search(request());
        assert.equal(result.sort, 'best-selling');
        assert.equal(result.total, expected.length);
        assert.deepEqual(
          result.ids,
          expected.slice(0, 24).map((r) => r.id),
        );
      });
    }
  });

  describe('sorts', () => {
    const orders: [SearchRequest['sort'], (a: CatalogRow, b: CatalogRow) => number][] = [
      ['price-asc', (a, b) => a.priceCents - b.priceCents || a.id - b.id],
      ['price-desc', (a, b) => b.priceCents - a.priceCents || a.id - b.id],
      ['best-selling', (a, b) => a.salesRank - b.salesRank],
      [
        'newest',
        (a, b) => Math.floor(b.createdAt / 1000) - Math.floor(a.createdAt / 1000) || a.id - b.id,
      ],
      ['rating', (a, b) => b.rating - a.rating || b.reviewCount - a.reviewCount || a.id - b.id],
    ];
    for (const [sort, order] of orders) {
      it(`orders matches by ${sort}`, () => {
        const matches = all({ q: 'doll' });
        const expected = [...matches].sort((a, b) => order(row(a), row(b)));
        assert.deepEqual(all({ q: 'doll', sort }), expected);
      });
    }

    it('ranks by relevance with words: every in-stock match before any out-of-stock one', () => {
      const ids = all({ q: 'stroller' });
      const firstOut = ids.findIndex((id) => row(id).available === 0);
      assert.ok(firstOut > 0, 'some matches are out of stock');
      assert.ok(ids.slice(firstOut).every((id) => row(id).available === 0));
      assert.equal(search({ q: 'stroller' }).sort, 'relevance');
    });

    it('ranks a title word above the same word only in the category name', () => {
      const ids = all({ q: 'puzzle ' });
      const inTitle = ids.filter((id) =>
        words(row(id).title).some((w) => termOf(w) === termOf('puzzle')),
      );
      const elsewhere = ids.filter(
        (id) => !words(row(id).title).some((w) => termOf(w) === termOf('puzzle')),
      );
      assert.ok(inTitle.length > 0 && elsewhere.length > 0);
      const inStock = (id: number) => row(id).available > 0;
      const lastTitle = Math.max(...inTitle.filter(inStock).map((id) => ids.indexOf(id)));
      const firstElsewhere = Math.min(...elsewhere.filter(inStock).map((id) => ids.indexOf(id)));
      assert.ok(lastTitle < firstElsewhere, `${lastTitle} < ${firstElsewhere}`);
    });
  });

  describe('pages, facets and suggestions', () => {
    it('pages through the same order', () => {
      const first48 = search({ q: 'book', perPage: 48 }).ids;
      assert.deepEqual(search({ q: 'book', page: 2 }).ids, first48.slice(24, 48));
      const total = search({ q: 'book' }).total;
      assert.deepEqual(search({ q: 'book', page: Math.ceil(total / 24) + 1 }).ids, []);
    });

    it('counts brands, prices and top categories over the matches', () => {
      const result = search({ q: 'doll' });
      const ids = all({ q: 'doll' });
      assert.equal(result.total, ids.length);
      for (const facet of result.facets.brand.slice(0, 5)) {
        const id = brandOf(facet.slug);
        assert.equal(facet.count, ids.filter((p) => row(p).brandId === id).length, facet.slug);
      }
      const bandTotal = result.facets.price.reduce((sum, band) => sum + band.count, 0);
      assert.equal(bandTotal, ids.length);
      const top = catalog.taxonomy.categories.filter((c) => c.parentId === null);
      for (const category of top) {
        const tree = subtree(category.slug);
        const count = ids.filter((p) => tree.has(row(p).categoryId)).length;
        const facet = result.facets.category.find((f) => f.slug === category.slug);
        assert.equal(facet?.count ?? 0, count, category.slug);
      }
    });

    it('counts other brands as if the brand filter were not set', () => {
      const brand = commonBrand('doll');
      const filtered = search({ q: 'doll', brand });
      const open = search({ q: 'doll' });
      assert.deepEqual(filtered.facets.brand, open.facets.brand);
      assert.equal(filtered.total, open.facets.brand.find((b) => b.slug === brand)!.count);
    });

    it('suggests single words when the words never meet', () => {
      const result = search({ q: 'nintendo dinosaur' });
      assert.equal(result.total, 0);
      const offered = result.suggestions.map((s) => s.q);
      assert.ok(offered.includes('nintendo') && offered.includes('dinosaur'), offered.join());
      for (const s of result.suggestions) assert.ok(search({ q: s.q }).total > 0, s.q);
    });

    it('suggests the spelling fix for a misspelt word that matches nothing', () => {
      const result = search({ q: 'nintendo dinosuar' });
      assert.equal(result.total, 0);
      assert.ok(result.suggestions.some((s) => s.q === 'nintendo'));
      assert.equal(search({ q: 'xqzzv' }).suggestions.length, 0);
    });
  });
});
