import { BadRequestError } from '../../shared/index.js';
import { choiceParam, intParam, moneyParam, stringParam } from '../../framework/index.js';
import { MAX_PAGE, SORTS, type Sort } from './listing-query.js';
import type { Taxonomy } from './taxonomy.js';

/** The filters and order a listing page was asked for, checked. */
export interface ListingParams {
  readonly brandSlug: string | undefined;
  readonly brandId: number | undefined;
  readonly minPriceCents: number | undefined;
  readonly maxPriceCents: number | undefined;
  readonly ageYears: number | undefined;
  readonly inStock: boolean;
  readonly sort: Sort;
  readonly page: number;
}

/** Reads `brand`, `min_price`, `max_price`, `age`, `in_stock`, `sort` and `page`; bad values are a 400. */
export function listingParams(query: URLSearchParams, taxonomy: Taxonomy): ListingParams {
  const brandSlug = stringParam(query, 'brand');
  const brand = brandSlug === undefined ? undefined : taxonomy.brand(brandSlug);
  if (brandSlug !== undefined && !brand) throw new BadRequestError('There is no such brand.');
  const minPriceCents = moneyParam(query, 'min_price');
  const maxPriceCents = moneyParam(query, 'max_price');
  if (minPriceCents !== undefined && maxPriceCents !== undefined && minPriceCents > maxPriceCents) {
    throw new BadRequestError('The lowest price must not be above the highest.');
  }
  const inStock = choiceParam(query, 'in_stock', ['1', 'true', 'on', '0', 'false', 'off']);
  return {
    brandSlug: brand?.slug,
    brandId: brand?.id,
    minPriceCents,
    maxPriceCents,
    ageYears: intParam(query, 'age', { min: 0, max: 18 }),
    inStock: inStock === '1' || inStock === 'true' || inStock === 'on',
    sort: choiceParam(query, 'sort', SORTS) ?? 'best-selling',
    page: intParam(query, 'page', { min: 1, max: MAX_PAGE }) ?? 1,
  };
}

/** The query string for the same listing with some parameters changed (`undefined` removes one). */
export function listingHref(
  base: string,
  params: ListingParams & { q?: string },
  change: Partial<
    Record<
      'brand' | 'min_price' | 'max_price' | 'age' | 'in_stock' | 'sort' | 'page',
      string | undefined
    >
  >,
): string {
  const current: Record<string, string | undefined> = {
    q: params.q,
    brand: params.brandSlug,
    min_price: params.minPriceCents === undefined ? undefined : String(params.minPriceCents / 100),
    max_price: params.maxPriceCents === undefined ? undefined : String(params.maxPriceCents / 100),
    age: params.ageYears === undefined ? undefined : String(params.ageYears),
    in_stock: params.inStock ? '1' : undefined,
    sort: params.sort === 'best-selling' ? undefined : params.sort,
    page: params.page === 1 ? undefined : String(params.page),
  };
  const merged = { ...current, ...change };
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(merged))
    if (value !== undefined) search.set(name, value);
  const text = search.toString();
  return text ? `${base}?${text}` : base;
}
