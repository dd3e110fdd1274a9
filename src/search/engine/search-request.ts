/** The orders results can come in. `relevance` needs words; without them it means best-selling. */
export const SEARCH_SORTS = [
  'relevance',
  'best-selling',
  'price-asc',
  'price-desc',
  'newest',
  'rating',
] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The deepest result anyone may page to: deeper pages serve only crawlers. */
export const MAX_RESULT_WINDOW = 10_000;
export const MAX_PER_PAGE = 100;

/** A query: words, filters, an order and a page. Filters name categories and brands by slug. */
export interface SearchRequest {
  readonly q: string;
  /** A category slug: products in it or any category below it. */
  readonly category?: string | undefined;
  readonly brand?: string | undefined;
  readonly minPriceCents?: number | undefined;
  readonly maxPriceCents?: number | undefined;
  /** A child's age in years: products whose age range includes it. */
  readonly ageYears?: number | undefined;
  readonly inStock?: boolean | undefined;
  /** By default relevance when there are words, else best-selling. */
  readonly sort?: SearchSort | undefined;
  /** From 1. */
  readonly page?: number | undefined;
  readonly perPage?: number | undefined;
}

export interface FacetCount {
  readonly id: number;
  readonly slug: string;
  readonly count: number;
}

/** Price bands in cents, `max` exclusive; the store offers the same ones as filters. */
export const PRICE_BANDS: readonly { readonly min: number; readonly max: number | null }[] = [
  { min: 0, max: 1000 },
  { min: 1000, max: 2500 },
  { min: 2500, max: 5000 },
  { min: 5000, max: 10000 },
  { min: 10000, max: null },
];

/** Ages (years) counted in the age facet: the ages the store offers as a filter. */
export const AGE_YEARS: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 14];

/**
 * Counts of the matching products by category (rolled up the tree), brand, price band and age.
 * Each facet counts as if its own filter were not set (so other brands show what choosing them
 * would give), except category, which narrows: only categories inside the chosen one are counted.
 */
export interface Facets {
  readonly category: readonly FacetCount[];
  readonly brand: readonly FacetCount[];
  readonly price: readonly {
    readonly min: number;
    readonly max: number | null;
    readonly count: number;
  }[];
  readonly age: readonly { readonly years: number; readonly count: number }[];
}

/** Another query that would find something, offered when nothing was found. */
export interface Suggestion {
  readonly q: string;
}

export interface SearchResult {
  readonly total: number;
  /** Product ids of the page asked for, in order. */
  readonly ids: readonly number[];
  readonly facets: Facets;
  readonly sort: SearchSort;
  readonly page: number;
  readonly perPage: number;
  readonly suggestions: readonly Suggestion[];
}
