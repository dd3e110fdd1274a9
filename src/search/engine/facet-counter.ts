import type { CategoryTree } from './category-tree.js';
import type { AgeClasses } from './age-classes.js';
import { PRICE_BANDS, type Facets, type FacetCount } from './search-request.js';

/** Brands listed in the brand facet, the most frequent first. */
export const BRAND_FACET_SIZE = 50;

/** Counters the search loop increments directly, and what they add up to. */
export class FacetCounter {
  category: Uint32Array = new Uint32Array(0);
  brand: Uint32Array = new Uint32Array(0);
  readonly price: Uint32Array = new Uint32Array(PRICE_BANDS.length);
  ageClass: Uint32Array = new Uint32Array(0);

  /** Zeroes every counter, sized for the current taxonomy and age classes. */
  reset(categories: number, brands: number, ageClasses: number): void {
    this.category = fresh(this.category, categories);
    this.brand = fresh(this.brand, brands);
    this.ageClass = fresh(this.ageClass, ageClasses);
    this.price.fill(0);
  }

  facets(tree: CategoryTree, ages: AgeClasses): Facets {
    return {
      category: this.#categories(tree),
      brand: this.#brands(tree),
      price: PRICE_BANDS.map((band, i) => ({ ...band, count: this.price[i]! })),
      age: ages.byAge(this.ageClass),
    };
  }

  // Products sit in leaves; a category's count is its own plus everything below it.
  #categories(tree: CategoryTree): FacetCount[] {
    const rolled = new Uint32Array(tree.categoryLimit);
    const counts = this.category;
    for (let c = 0; c < counts.length && c < rolled.length; c++) {
      const count = counts[c]!;
      if (count === 0) continue;
      for (let at = c, hops = 0; at >= 0 && hops < 64; at = tree.parent[at]!, hops++) {
        rolled[at]! += count;
      }
    }
    const result: FacetCount[] = [];
    rolled.forEach((count, id) => {
      const category = count > 0 ? tree.categoryById(id) : undefined;
      if (category) result.push({ id, slug: category.slug, count });
    });
    return result.sort((a, b) => b.count - a.count || a.id - b.id);
  }

  #brands(tree: CategoryTree): FacetCount[] {
    const result: FacetCount[] = [];
    this.brand.forEach((count, id) => {
      const brand = count > 0 ? tree.brandById(id) : undefined;
      if (brand) result.push({ id, slug: brand.slug, count });
    });
    return result.sort((a, b) => b.count - a.count || a.id - b.id).slice(0, BRAND_FACET_SIZE);
  }
}

function fresh(array: Uint32Array, size: number): Uint32Array {
  if (array.length !== size) return new Uint32Array(size);
  array.fill(0);
  return array;
}
