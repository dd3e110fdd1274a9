import type { SearchBrand, SearchCategory, SearchTaxonomy } from './catalog-row.js';

/**
 * The taxonomy arranged for filtering and facets: slugs to ids, each category's subtree (found by
 * its materialised path, so `/3/` covers `/3/41/`), and parents for rolling facet counts up.
 */
export class CategoryTree {
  readonly taxonomy: SearchTaxonomy;
  /** One more than the largest category id: the size of arrays indexed by category. */
  readonly categoryLimit: number;
  readonly brandLimit: number;
  readonly parent: Int32Array;
  readonly #categories = new Map<string, SearchCategory>();
  readonly #categoryById = new Map<number, SearchCategory>();
  readonly #brands = new Map<string, SearchBrand>();
  readonly #brandById = new Map<number, SearchBrand>();
  readonly #subtrees = new Map<number, { mask: Uint8Array; ids: number[] }>();

  constructor(taxonomy: SearchTaxonomy) {
    this.taxonomy = taxonomy;
    let maxCategory = 0;
    for (const c of taxonomy.categories) {
      this.#categories.set(c.slug, c);
      this.#categoryById.set(c.id, c);
      maxCategory = Math.max(maxCategory, c.id);
    }
    this.categoryLimit = maxCategory + 1;
    this.parent = new Int32Array(this.categoryLimit).fill(-1);
    for (const c of taxonomy.categories) this.parent[c.id] = c.parentId ?? -1;
    let maxBrand = 0;
    for (const b of taxonomy.brands) {
      this.#brands.set(b.slug, b);
      this.#brandById.set(b.id, b);
      maxBrand = Math.max(maxBrand, b.id);
    }
    this.brandLimit = maxBrand + 1;
  }

  category(slug: string): SearchCategory | undefined {
    return this.#categories.get(slug);
  }

  categoryById(id: number): SearchCategory | undefined {
    return this.#categoryById.get(id);
  }

  brand(slug: string): SearchBrand | undefined {
    return this.#brands.get(slug);
  }

  brandById(id: number): SearchBrand | undefined {
    return this.#brandById.get(id);
  }

  /** The category and all below it: a mask over category ids, and the ids. */
  subtree(category: SearchCategory): { mask: Uint8Array; ids: number[] } {
    let found = this.#subtrees.get(category.id);
    if (found === undefined) {
      const mask = new Uint8Array(this.categoryLimit);
      const ids: number[] = [];
      for (const c of this.taxonomy.categories) {
        if (c.path.startsWith(category.path)) {
          mask[c.id] = 1;
          ids.push(c.id);
        }
      }
      found = { mask, ids };
      this.#subtrees.set(category.id, found);
    }
    return found;
  }
}
