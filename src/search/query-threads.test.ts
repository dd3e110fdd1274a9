import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { captureLogs } from '../testing/index.js';
import { IndexBuilder, type CatalogRow, type SearchTaxonomy } from './engine/index.js';
import { QueryThreads } from './query-threads.js';

const TAXONOMY: SearchTaxonomy = {
  categories: [{ id: 1, parentId: null, slug: 'toys', name: 'Toys', path: '/1/' }],
  brands: [{ id: 1, slug: 'acme', name: 'Acme' }],
};

function product(id: number, priceCents: number): CatalogRow {
  return {
    id,
    title: `Wooden Train ${id}`,
    author: null,
    description: 'A train that goes round and round.',
    brandId: 1,
    categoryId: 1,
    priceCents,
    ageMinMonths: 36,
    ageMaxMonths: 96,
    rating: 4,
    reviewCount: 1,
    salesRank: id,
    createdAt: 0,
    available: 1,
  };
}

function indexOf(rows: readonly CatalogRow[]) {
  const builder = new IndexBuilder(TAXONOMY);
  for (const row of rows) builder.add(row);
  return builder.finish(0);
}

describe('query threads', () => {
  const threads = new QueryThreads(2, {
    log: captureLogs().log,
    replay: async () => ({ rows: [], removed: [] }),
    exclusive: (work) => work(),
  });
  after(() => threads.close());
  const cheapest = async () =>
    (JSON.parse(await threads.search({ q: 'train', sort: 'price-asc' })) as { ids: number[] })
      .ids[0];

  it('answers with the index loaded', async () => {
    await threads.load(indexOf([product(1, 500), product(2, 700)]), TAXONOMY, {
      rows: [],
      removed: [],
    });
    assert.equal(await cheapest(), 1);
  });

  it('answers while a new index is prepared, and keeps changes sent after it', async () => {
    const swapped = threads.load(
      indexOf([product(1, 500), product(2, 700), product(3, 900)]),
      TAXONOMY,
      { rows: [product(3, 400)], removed: [] },
    );
    // Sent after the index: each thread applies it to the index it answers with now, and again
    // to the new one when that is swapped in.
    threads.broadcast({ type: 'apply', rows: [product(2, 100)], removed: [] });
    assert.equal(await cheapest(), 2);
    await swapped;
    const answer = JSON.parse(await threads.search({ q: 'train', sort: 'price-asc' })) as {
      ids: number[];
    };
    assert.deepEqual(answer.ids, [2, 3, 1]);
  });
});
