/** Orders a listing can be sorted in; `relevance` only means something for a text search. */
export const SORTS = ['best-selling', 'price-asc', 'price-desc', 'newest', 'rating'] as const;
export type Sort = (typeof SORTS)[number];

/** Products shown on one listing page. */
export const PAGE_SIZE = 24;
/** Deepest page anyone may ask for: deeper offsets only serve crawlers and cost the database. */
export const MAX_PAGE = 400;

/** Which products a listing shows and in what order. */
export interface ListingQuery {
  /** Categories whose products are included (a category and its descendants). */
  readonly categoryIds?: readonly number[];
  readonly sectionId?: number;
  /** Every word must appear in the title (the interim search until the search tier answers). */
  readonly words?: readonly string[];
  readonly brandId?: number;
  readonly minPriceCents?: number;
  readonly maxPriceCents?: number;
  /** A child's age in years: products whose age range includes it. */
  readonly ageYears?: number;
  readonly inStock?: boolean;
  readonly sort: Sort;
  readonly page: number;
}

/** Price bands offered as filters, in cents; `max` is exclusive. */
export const PRICE_BANDS = [
  { label: 'Under $10', min: 0, max: 1000 },
  { label: '$10 – $25', min: 1000, max: 2500 },
  { label: '$25 – $50', min: 2500, max: 5000 },
  { label: '$50 – $100', min: 5000, max: 10000 },
  { label: '$100 and up', min: 10000, max: undefined },
] as const;

/** Ages offered as filters, in years. */
export const AGE_CHOICES = [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 14] as const;
