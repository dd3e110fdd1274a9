/** One product as the search tier sees it: the words it is found by and the facts it is filtered and sorted on. */
export interface CatalogRow {
  readonly id: number;
  readonly title: string;
  readonly author: string | null;
  /** Found by its less common words, at a low weight (see document-text.ts); absent, by the rest. */
  readonly description?: string | null;
  readonly brandId: number;
  readonly categoryId: number;
  readonly priceCents: number;
  readonly ageMinMonths: number;
  readonly ageMaxMonths: number;
  /** 0 to 5, one decimal. */
  readonly rating: number;
  readonly reviewCount: number;
  /** 1 is the best-seller. */
  readonly salesRank: number;
  readonly createdAt: number;
  /** Units that can be sold now (on hand less reserved). */
  readonly available: number;
}

/** A category as filters and facets need it; `path` is the materialised chain of ids (`/3/41/`). */
export interface SearchCategory {
  readonly id: number;
  readonly parentId: number | null;
  readonly slug: string;
  readonly name: string;
  readonly path: string;
}

export interface SearchBrand {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
}

/** The category tree and brands: small, read whole from the database. */
export interface SearchTaxonomy {
  readonly categories: readonly SearchCategory[];
  readonly brands: readonly SearchBrand[];
}
