import {
  AGE_CLASS_MASK,
  BAND_SHIFT,
  C_CREATED,
  C_PRICE,
  C_SALES_RANK,
  COLD,
  H_BITS,
  H_IDS,
  H_POPULARITY,
  H_TITLE_HASH,
  HOT,
  ID_MASK,
  ID_OVERFLOW,
  IN_STOCK_BIT,
  LIVE_BIT,
  RATING_SHIFT,
  type DocTable,
} from './doc-table.js';
import type { CandidateSet } from './candidate-set.js';
import type { FacetCounter } from './facet-counter.js';
import { FAIL_AGE, FAIL_BRAND, FAIL_PRICE, FAIL_STOCK, type Filters } from './filters.js';
import type { SearchSort } from './search-request.js';
import type { TopK } from './top-k.js';

/** The best-seller's text score is raised by half; the boost falls with the log of the sales rank. */
export const BEST_SELLER_BOOST = 0.5;
/** Business tiers sit above any text score: an exact title (2), then being in stock (1). */
const TIER = 1e6;
const BAND_MASK = 0x7;
const SORT_CODES: Record<SearchSort, number> = {
  relevance: 0,
  'best-selling': 1,
  'price-asc': 2,
  'price-desc': 3,
  newest: 4,
  rating: 5,
};

/**
 * The final pass of a query, one read of each candidate's record: drops dead documents and those
 * outside the chosen category; counts the matches and, for each facet, the candidates that fail
 * only that facet's filter (so the brand facet shows what choosing another brand would give);
 * ranks the matches by `sort` into `top`. Returns how many matched (stopping at `stopAfter`).
 */
export function rankAndCount(
  set: CandidateSet,
  facts: DocTable,
  f: Filters,
  facets: FacetCounter | undefined,
  top: TopK | undefined,
  sort: SearchSort,
  titleHash: number,
  stopAfter = Infinity,
): number {
  if (!f.any && facets !== undefined && top !== undefined && sort === 'relevance' && !set.all) {
    if (stopAfter === Infinity) return rankByRelevance(set, facts, facets, top, titleHash);
  }
  const n = set.count;
  const all = set.all;
  const { docs, scores } = set;
  const { hot, hotFloats, cold, categoryId, brandId: brandIds } = facts.records;
  const { productId, reviewCount } = facts;
  const filtered = f.any;
  const { categoryMask, brandId, minPrice, maxPrice, ageSuits, inStock } = f;
  const priced = minPrice > 0 || maxPrice < 0xffffffff;
  const category = facets?.category;
  const brand = facets?.brand;
  const price = facets?.price;
  const age = facets?.ageClass;
  const code = top === undefined ? -1 : SORT_CODES[sort];
  let threshold = top?.threshold ?? Infinity;
  let total = 0;
  // Documents are numbered by category, so matches come in runs of one category: counting a run
  // at its end saves a load and a store per document on the same counter.
  let runCategory = 0;
  let run = 0;
  for (let i = 0; i < n; i++) {
    const d = all ? i : docs[i]!;
    const at = d * HOT;
    const bits = hot[at + H_BITS]!;
    if ((bits & LIVE_BIT) === 0) continue;
    const ids = hot[at + H_IDS]!;
    let c = ids & ID_MASK;
    if (c === ID_OVERFLOW) c = categoryId[d]!;
    let b = ids >>> 16;
    if (b === ID_OVERFLOW) b = brandIds[d]!;
    if (filtered) {
      if (categoryMask !== undefined && categoryMask[c] !== 1) continue;
      let mask = 0;
      if (brandId >= 0 && b !== brandId) mask = FAIL_BRAND;
      if (priced) {
        const cents = cold[d * COLD + C_PRICE]!;
        if (cents < minPrice || cents > maxPrice) mask |= FAIL_PRICE;
      }
      if (ageSuits !== undefined && ageSuits[bits & AGE_CLASS_MASK] !== 1) mask |= FAIL_AGE;
      if (inStock && (bits & IN_STOCK_BIT) === 0) mask |= FAIL_STOCK;
      if (mask !== 0) {
        if (facets === undefined) continue;
        if (mask === FAIL_BRAND) brand![b]!++;
        else if (mask === FAIL_PRICE) price![(bits >>> BAND_SHIFT) & BAND_MASK]!++;
        else if (mask === FAIL_AGE) age![bits & AGE_CLASS_MASK]!++;
        continue;
      }
    }
    if (++total >= stopAfter) break;
    if (facets !== undefined) {
      if (c === runCategory) run++;
      else {
        category![runCategory]! += run;
        runCategory = c;
        run = 1;
      }
      brand![b]!++;
      price![(bits >>> BAND_SHIFT) & BAND_MASK]!++;
      age![bits & AGE_CLASS_MASK]!++;
    }
    if (code < 0) continue;
    let key: number;
    switch (code) {
      case 0:
        key = relevanceKey(hot, hotFloats, at, bits, titleHash, scores[i]!);
        break;
      case 1:
        key = -cold[d * COLD + C_SALES_RANK]!;
        break;
      case 2:
        key = -cold[d * COLD + C_PRICE]!;
        break;
      case 3:
        key = cold[d * COLD + C_PRICE]!;
        break;
      case 4:
        key = cold[d * COLD + C_CREATED]!;
        break;
      default:
        // Stars first, then how many reviews vouch for them.
        key = (bits >>> RATING_SHIFT) * 0x1000000 + Math.min(reviewCount[d]!, 0xffffff);
    }
    if (key >= threshold) {
      top!.offer(key, d, productId[d]!);
      threshold = top!.threshold;
    }
  }
  if (run > 0) category![runCategory]! += run;
  return total;
}

/**
 * `rankAndCount` for the most common and the broadest queries: words, no filter, relevance, facets.
 * The same work without the branches the general loop takes per document; a broad word ("play",
 * 166,000 matches at a million) spends most of its time here.
 */
function rankByRelevance(
  set: CandidateSet,
  facts: DocTable,
  facets: FacetCounter,
  top: TopK,
  titleHash: number,
): number {
  const n = set.count;
  const { docs, scores } = set;
  const { hot, hotFloats, categoryId, brandId: brandIds } = facts.records;
  const { productId } = facts;
  const { category, brand, price, ageClass: age } = facets;
  let threshold = top.threshold;
  let total = 0;
  let runCategory = 0;
  let run = 0;
  for (let i = 0; i < n; i++) {
    const d = docs[i]!;
    const at = d * HOT;
    const bits = hot[at + H_BITS]!;
    if ((bits & LIVE_BIT) === 0) continue;
    const ids = hot[at + H_IDS]!;
    let c = ids & ID_MASK;
    if (c === ID_OVERFLOW) c = categoryId[d]!;
    let b = ids >>> 16;
    if (b === ID_OVERFLOW) b = brandIds[d]!;
    total++;
    if (c === runCategory) run++;
    else {
      category[runCategory]! += run;
      runCategory = c;
      run = 1;
    }
    brand[b]!++;
    price[(bits >>> BAND_SHIFT) & BAND_MASK]!++;
    age[bits & AGE_CLASS_MASK]!++;
    const key = relevanceKey(hot, hotFloats, at, bits, titleHash, scores[i]!);
    if (key >= threshold) {
      top.offer(key, d, productId[d]!);
      threshold = top.threshold;
    }
  }
  if (run > 0) category[runCategory]! += run;
  return total;
}

/** The relevance sort's key: business tiers (exact title, in stock), then text score × best-seller boost. */
function relevanceKey(
  hot: Uint32Array,
  hotFloats: Float32Array,
  at: number,
  bits: number,
  titleHash: number,
  score: number,
): number {
  const tier =
    (hot[at + H_TITLE_HASH] === titleHash ? 2 : 0) + ((bits & IN_STOCK_BIT) === 0 ? 0 : 1);
  return tier * TIER + score * (1 + BEST_SELLER_BOOST * hotFloats[at + H_POPULARITY]!);
}
