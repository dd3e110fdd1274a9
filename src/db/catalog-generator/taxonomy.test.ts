import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from './random.js';
import { slugify, Taxonomy } from './taxonomy.js';
import { leaf } from './taxonomy-spec.js';

const taxonomy = new Taxonomy(new Random(1));

describe('Taxonomy', () => {
  it('has exactly the four sections, in store order', () => {
    assert.deepEqual(taxonomy.sections, [
      { id: 1, slug: 'toys', name: 'Toys', position: 1 },
      { id: 2, slug: 'books', name: 'Books', position: 2 },
      { id: 3, slug: 'games', name: 'Video Games', position: 3 },
      { id: 4, slug: 'baby', name: 'Baby', position: 4 },
    ]);
  });

  it('has about 200 categories numbered from 1, in every section', () => {
    const { categories } = taxonomy;
    assert.ok(categories.length >= 180 && categories.length <= 230, `${categories.length}`);
    assert.deepEqual(
      categories.map((c) => c.id),
      categories.map((_, i) => i + 1),
    );
    for (const section of taxonomy.sections) {
      const count = categories.filter((c) => c.section_id === section.id).length;
      assert.ok(count >= 20, `${section.slug} has ${count} categories`);
    }
  });

  it('is a two-level tree with materialised paths', () => {
    const byId = new Map(taxonomy.categories.map((c) => [c.id, c]));
    for (const category of taxonomy.categories) {
      if (category.depth === 0) {
        assert.equal(category.parent_id, null);
        assert.equal(category.path, `/${category.id}/`);
      } else {
        assert.equal(category.depth, 1);
        const parent = byId.get(category.parent_id as number);
        assert.ok(parent && parent.depth === 0, `${category.slug} has a top-level parent`);
        assert.equal(parent.section_id, category.section_id);
        assert.equal(category.path, `/${parent.id}/${category.id}/`);
      }
    }
    const tops = taxonomy.categories.filter((c) => c.depth === 0);
    for (const top of tops) {
      const children = taxonomy.categories.filter((c) => c.parent_id === top.id);
      assert.ok(children.length >= 3, `${top.slug} has ${children.length} subcategories`);
      assert.deepEqual(
        children.map((c) => c.position),
        children.map((_, i) => i + 1),
      );
    }
  });

  it('gives every category a unique, lowercase, URL-safe slug and a human name', () => {
    const slugs = taxonomy.categories.map((c) => c.slug);
    assert.equal(new Set(slugs).size, slugs.length);
    for (const category of taxonomy.categories) {
      assert.match(category.slug, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.match(category.name, /^[A-Z]/);
    }
    assert.ok(slugs.includes('action-figures'));
    assert.ok(slugs.includes('nintendo-switch-racing'));
    assert.equal(slugify('Kids’ Tablets'), 'kids-tablets');
    assert.equal(slugify('Xbox Series X|S'), 'xbox-series-x-s');
  });

  it('lists exactly the subcategories as leaves, each with nouns and sane bands', () => {
    const leafIds = taxonomy.leaves.map((l) => l.id).sort((a, b) => a - b);
    const depthOne = taxonomy.categories.filter((c) => c.depth === 1).map((c) => c.id);
    assert.deepEqual(leafIds, depthOne);
    for (const { spec } of taxonomy.leaves) {
      assert.ok(spec.nouns.length > 0, spec.name);
      assert.ok(spec.price[0] >= 1 && spec.price[0] < spec.price[1], `${spec.name} price`);
      assert.ok(spec.age[0] >= 0 && spec.age[0] < spec.age[1], `${spec.name} age`);
    }
  });

  it('draws leaves in proportion to section shares', () => {
    const random = new Random(3);
    const counts = new Map<number, number>();
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const { section } = taxonomy.pickLeaf(random);
      counts.set(section.id, (counts.get(section.id) ?? 0) + 1);
    }
    const shares = [0.38, 0.3, 0.14, 0.18];
    shares.forEach((share, i) => {
      const observed = (counts.get(i + 1) ?? 0) / n;
      assert.ok(Math.abs(observed - share) < 0.01, `section ${i + 1}: ${observed}`);
    });
  });

  it('parses leaf rows and names the leaf in errors', () => {
    assert.deepEqual(
      leaf('Robots | $25-150 | 60+ | Robot; Robot Dog | Smart | , 2-Pack | weight=2 plain'),
      {
        name: 'Robots',
        price: [25, 150],
        age: [60, 1200],
        nouns: ['Robot', 'Robot Dog'],
        modifiers: ['Smart'],
        suffixes: [', 2-Pack'],
        weight: 2,
        themed: false,
      },
    );
    assert.throws(() => leaf('Robots | 25 | 60+ | Robot'), /Robots.*price/);
    assert.throws(() => leaf('Robots | $25-150 | 60+ | Robot | | | shiny'), /Robots.*shiny/);
  });
});
