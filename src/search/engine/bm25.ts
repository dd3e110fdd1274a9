/** BM25's term-frequency saturation: the usual 1.2 (a second mention adds less than the first). */
export const K1 = 1.2;
/** BM25's length normalisation: the usual 0.75 (a word in a short title counts for more). */
export const B = 0.75;

/**
 * How much each field's words count, as BM25F weighs fields. A title word is worth ten of the
 * category name's: enough that a word in the title outranks the same word only in the category
 * even when the category match is the best-seller (whose boost is 1.5×). A word of the
 * description counts least: a product that mentions a dragon is a weaker match than one named
 * for it, or filed under it.
 */
export const FIELD_WEIGHTS = {
  title: 5,
  author: 3,
  brand: 2,
  category: 0.5,
  description: 0.3,
} as const;

/**
 * A term's weight in one product, BM25's tf part scaled into 1..255 so a posting takes one byte;
 * 255 is the saturation limit K1 + 1. The idf part is applied at query time, so live changes to
 * document frequencies need no rewrite of the postings.
 */
export function impactOf(weightedTf: number, docLength: number, averageLength: number): number {
  const norm = K1 * (1 - B + (B * docLength) / averageLength);
  const saturation = weightedTf / (weightedTf + norm);
  return Math.max(1, Math.min(255, Math.round(255 * saturation)));
}

/** BM25's inverse document frequency of a term in `df` of `docs` products (always positive). */
export function idfOf(df: number, docs: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}
