import type { CategoryTable, SectionTable } from '../schema.js';
import type { Random } from './random.js';
import type { BrandKind, LeafSpec, SectionSpec, TopSpec } from './taxonomy-spec.js';
import { TOYS } from './taxonomy-toys.js';
import { BOOKS } from './taxonomy-books.js';
import { GAMES } from './taxonomy-games.js';
import { BABY } from './taxonomy-baby.js';
import { CATALOG_SPAN, SEED_NOW } from './timeline.js';

/** The four sections in store order; their ids are fixed at 1..4. */
export const SECTIONS: readonly SectionSpec[] = [TOYS, BOOKS, GAMES, BABY];

/** A leaf category with its place in the tree: the unit products are generated for. */
export interface Leaf {
  readonly id: number;
  readonly section: SectionSpec;
  readonly top: TopSpec;
  readonly spec: LeafSpec;
  /** Its top-level category's index among those sold by the same kind of brand, and how many there are. */
  readonly brandGroup: number;
  readonly brandGroups: number;
}

/** The category tree as rows to insert, and a weighted draw of the leaf a product belongs to. */
export class Taxonomy {
  readonly sections: readonly SectionTable[];
  readonly categories: readonly CategoryTable[];
  readonly leaves: readonly Leaf[];
  readonly #cumulative: Float64Array;

  /** Lays out the tree: top-level categories take ids 1..T in store order, then the leaves. */
  constructor(random: Random) {
    this.sections = SECTIONS.map(({ id, slug, name }, index) => ({
      id,
      slug,
      name,
      position: index + 1,
    }));
    const slugs = uniqueSlugs();
    const groups = brandGroups();
    const updatedAt = () => SEED_NOW - Math.floor(random.float() * (CATALOG_SPAN / 3));
    const categories: CategoryTable[] = [];
    const topIds = new Map<TopSpec, number>();
    for (const section of SECTIONS) {
      section.tops.forEach((top, index) => {
        const id = categories.length + 1;
        topIds.set(top, id);
        categories.push({
          id,
          section_id: section.id,
          parent_id: null,
          slug: slugs.get(top) as string,
          name: top.name,
          path: `/${id}/`,
          depth: 0,
          position: index + 1,
          updated_at: updatedAt(),
        });
      });
    }
    const leaves: Leaf[] = [];
    const weights: number[] = [];
    for (const section of SECTIONS) {
      const total = section.tops.reduce(
        (sum, top) => sum + top.leaves.reduce((s, spec) => s + (spec.weight ?? 1), 0),
        0,
      );
      for (const top of section.tops) {
        const parentId = topIds.get(top) as number;
        const group = groups.get(top) as { index: number; of: number };
        top.leaves.forEach((spec, index) => {
          const id = categories.length + 1;
          categories.push({
            id,
            section_id: section.id,
            parent_id: parentId,
            slug: slugs.get(spec) as string,
            name: spec.name,
            path: `/${parentId}/${id}/`,
            depth: 1,
            position: index + 1,
            updated_at: updatedAt(),
          });
          leaves.push({ id, section, top, spec, brandGroup: group.index, brandGroups: group.of });
          weights.push((section.share * (spec.weight ?? 1)) / total);
        });
      }
    }
    this.categories = categories;
    this.leaves = leaves;
    this.#cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((weight, index) => (this.#cumulative[index] = sum += weight));
  }

  /** A leaf drawn in proportion to its section's share and its weight among its siblings. */
  pickLeaf(random: Random): Leaf {
    const cumulative = this.#cumulative;
    const target = random.float() * (cumulative[cumulative.length - 1] as number);
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) > target) high = middle;
      else low = middle + 1;
    }
    return this.leaves[low] as Leaf;
  }
}

/** Lowercase, URL-safe: "Kids’ Tablets" → `kids-tablets`, "Xbox Series X|S" → `xbox-series-x-s`. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// A name used once keeps its own slug; a name used more than once (every platform has "Racing")
// is prefixed with its parent's slug everywhere, so no occurrence looks like the canonical one.
function uniqueSlugs(): Map<TopSpec | LeafSpec, string> {
  const uses = new Map<string, number>();
  const count = (name: string) => uses.set(slugify(name), (uses.get(slugify(name)) ?? 0) + 1);
  for (const section of SECTIONS) {
    for (const top of section.tops) {
      count(top.name);
      top.leaves.forEach((spec) => count(spec.name));
    }
  }
  const slugs = new Map<TopSpec | LeafSpec, string>();
  const seen = new Set<string>();
  const assign = (node: TopSpec | LeafSpec, parent: string) => {
    const own = slugify(node.name);
    const slug = (uses.get(own) ?? 0) > 1 ? `${parent}-${own}` : own;
    if (seen.has(slug)) throw new Error(`taxonomy: duplicate category slug '${slug}'`);
    seen.add(slug);
    slugs.set(node, slug);
  };
  for (const section of SECTIONS) {
    for (const top of section.tops) {
      assign(top, section.slug);
      top.leaves.forEach((spec) => assign(spec, slugs.get(top) as string));
    }
  }
  return slugs;
}

function brandGroups(): Map<TopSpec, { index: number; of: number }> {
  const byKind = new Map<BrandKind, TopSpec[]>();
  for (const section of SECTIONS) {
    for (const top of section.tops)
      byKind.set(top.brands, [...(byKind.get(top.brands) ?? []), top]);
  }
  const groups = new Map<TopSpec, { index: number; of: number }>();
  for (const tops of byKind.values()) {
    tops.forEach((top, index) => groups.set(top, { index, of: tops.length }));
  }
  return groups;
}
