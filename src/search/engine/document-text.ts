import { textHash } from './text-hash.js';
import { words } from './analyzer.js';
import { FIELD_WEIGHTS } from './bm25.js';
import type { CatalogRow } from './catalog-row.js';

/** The names a product's ids stand for, which it is also found by. */
export interface DocumentNames {
  readonly brand: string | undefined;
  readonly category: string | undefined;
}

/**
 * Calls `visit` for every word a product is found by, with its field's weight: the title, the
 * author, the brand's name and the category's name. Returns the product's length in words.
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

/** A fingerprint of what a product is found by; when it changes, the product is indexed again. */
export function documentTextHash(row: CatalogRow): number {
  return textHash(
    `${row.title}\u0001${row.author ?? ''}\u0001${row.brandId}\u0001${row.categoryId}`,
  );
}
