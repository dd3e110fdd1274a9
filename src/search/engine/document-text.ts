import { textHash } from './text-hash.js';
import { scanWords, words } from './analyzer.js';
import { FIELD_WEIGHTS } from './bm25.js';
import type { CatalogRow } from './catalog-row.js';

/** The names a product's ids stand for, which it is also found by. */
export interface DocumentNames {
  readonly brand: string | undefined;
  readonly category: string | undefined;
}

/**
 * A description word held by more than this share of the catalog's descriptions is not indexed
 * from descriptions (it still is from the other fields). At a million generated products the
 * descriptions hold 35 words a product that its name does not; all but two in a hundred of them
 * are boilerplate that nearly every description shares ("play", "design", "suitable"), which would
 * make the index five times larger and every broad query slower while finding nothing a shopper
 * means. What is left — "mystery", "trilogy", "magnetic" — adds two words a product.
 */
export const DESCRIPTION_MAX_SHARE = 0.02;

/**
 * How many of `products` descriptions may hold a word for it to be indexed from them: their
 * DESCRIPTION_MAX_SHARE, but never fewer than ten, so a small shop's descriptions count too.
 */
export function descriptionLimit(products: number): number {
  return Math.max(10, Math.floor(products * DESCRIPTION_MAX_SHARE));
}

/**
 * Calls `visit` for every word a product is found by in its name fields, with its field's weight:
 * the title, the author, the brand's name and the category's name. Returns the product's length
 * in words: BM25's length normalisation is over these fields only, so a long description does not
 * water down a match in the title.
 */
export function documentWords(
  row: CatalogRow,
  names: DocumentNames,
  visit: (word: string, weight: number) => void,
): number {
  let length = 0;
  const field = (text: string | null | undefined, weight: number) => {
    if (!text) return;
    for (const word of words(text)) {
      visit(word, weight);
      length++;
    }
  };
  field(row.title, FIELD_WEIGHTS.title);
  field(row.author, FIELD_WEIGHTS.author);
  field(names.brand, FIELD_WEIGHTS.brand);
  field(names.category, FIELD_WEIGHTS.category);
  return length;
}

/**
 * Calls `visit` for every word of a product's description (weight FIELD_WEIGHTS.description),
 * where it lies: the word is `source.slice(start, end)` (see `scanWords`).
 */
export function descriptionWords(
  row: CatalogRow,
  visit: (source: string, start: number, end: number) => void,
): void {
  if (row.description) scanWords(row.description, visit);
}

/** A fingerprint of what a product is found by; when it changes, the product is indexed again. */
export function documentTextHash(row: CatalogRow): number {
  const names = `${row.title}\u0001${row.author ?? ''}\u0001${row.brandId}\u0001${row.categoryId}\u0001`;
  return textHash(row.description ?? '', textHash(names));
}
