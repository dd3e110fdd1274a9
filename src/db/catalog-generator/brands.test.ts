import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BrandCatalog } from './brands.js';
import { Random } from './random.js';
import { Taxonomy } from './taxonomy.js';

describe('BrandCatalog', () => {
  const brands = new BrandCatalog(new Random(1));

  it('names a few hundred brands numbered from 1 with unique URL-safe slugs', () => {
    const { rows } = brands;
    assert.ok(rows.length >= 200 && rows.length <= 500, `${rows.length}`);
    assert.deepEqual(
      rows.map((b) => b.id),
      rows.map((_, i) => i + 1),
    );
    assert.equal(new Set(rows.map((b) => b.slug)).size, rows.length);
    for (const row of rows) assert.match(row.slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('is the same for the same seed and differs for another', () => {
    assert.deepEqual(new BrandCatalog(new Random(1)).rows, brands.rows);
    assert.notDeepEqual(new BrandCatalog(new Random(2)).rows, brands.rows);
  });

  it('has publishers make books and toy makers make toys, with a few big brands', () => {
    const taxonomy = new Taxonomy(new Random(1));
    const random = new Random(4);
    const book = taxonomy.leaves.find((l) => l.section.slug === 'books')!;
    const toy = taxonomy.leaves.find((l) => l.section.slug === 'toys')!;
    const bookBrands = new Set(Array.from({ length: 2000 }, () => brands.pick(random, book).id));
    const toyCounts = new Map<number, number>();
    for (let i = 0; i < 5000; i++) {
      const { id } = brands.pick(random, toy);
      toyCounts.set(id, (toyCounts.get(id) ?? 0) + 1);
    }
    for (const id of toyCounts.keys()) assert.ok(!bookBrands.has(id));
    const sorted = [...toyCounts.values()].sort((a, b) => b - a);
    assert.ok(sorted[0]! > 5 * sorted[sorted.length - 1]!, 'brand sizes are skewed');
  });
});
