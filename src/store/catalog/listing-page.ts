import { NotFoundError } from '../../shared/index.js';
import type { ListingParams } from './listing-params.js';
import { listingHref } from './listing-params.js';
import {
  AGE_CHOICES,
  MAX_PAGE,
  PAGE_SIZE,
  PRICE_BANDS,
  SORTS,
  type Sort,
} from './listing-query.js';
import type { Taxonomy } from './taxonomy.js';

const SORT_LABELS: Record<Sort, string> = {
  'best-selling': 'Best-selling',
  'price-asc': 'Price: low to high',
  'price-desc': 'Price: high to low',
  newest: 'Newest',
  rating: 'Customer rating',
};

/** Pages either side of the current one in the pagination bar. */
const PAGE_WINDOW = 3;

/**
 * The parts of a listing page that do not depend on which listing it is: sort choices, filters
 * with their current values, and pagination links. A page past the end is a 404.
 */
export function listingControls(
  base: string,
  params: ListingParams & { q?: string },
  total: number,
  brandCounts: readonly { brandId: number; count: number }[],
  taxonomy: Taxonomy,
) {
  const pages = Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / PAGE_SIZE)));
  if (params.page > pages) throw new NotFoundError('That page of results does not exist.');
  const first = Math.max(1, params.page - PAGE_WINDOW);
  const last = Math.min(pages, params.page + PAGE_WINDOW);
  const pageLinks = [];
  for (let n = first; n <= last; n++) {
    pageLinks.push({
      number: n,
      href: listingHref(base, params, { page: String(n) }),
      current: n === params.page,
    });
  }
  const dollars = (cents: number | undefined) => (cents === undefined ? '' : String(cents / 100));
  return {
    action: base,
    total,
    from: total === 0 ? 0 : (params.page - 1) * PAGE_SIZE + 1,
    to: Math.min(total, params.page * PAGE_SIZE),
    sorts: SORTS.map((sort) => ({
      value: sort,
      label: SORT_LABELS[sort],
      selected: sort === params.sort,
    })),
    brands: brandCounts.flatMap(({ brandId, count }) => {
      const brand = taxonomy.brandById(brandId);
      return brand
        ? [{ slug: brand.slug, name: brand.name, count, selected: brand.slug === params.brandSlug }]
        : [];
    }),
    ages: AGE_CHOICES.map((age) => ({ value: age, selected: age === params.ageYears })),
    priceBands: PRICE_BANDS.map((band) => ({
      label: band.label,
      href: listingHref(base, params, {
        min_price: band.min === 0 ? undefined : String(band.min / 100),
        max_price: band.max === undefined ? undefined : String((band.max - 1) / 100),
        page: undefined,
      }),
      current:
        (params.minPriceCents ?? 0) === band.min &&
        params.maxPriceCents === (band.max === undefined ? undefined : band.max - 1),
    })),
    minPrice: dollars(params.minPriceCents),
    maxPrice: dollars(params.maxPriceCents),
    inStock: params.inStock,
    hidden: params.q === undefined ? [] : [{ name: 'q', value: params.q }],
    pagination: {
      pages,
      current: params.page,
      previous:
        params.page > 1 ? listingHref(base, params, { page: String(params.page - 1) }) : undefined,
      next:
        params.page < pages
          ? listingHref(base, params, { page: String(params.page + 1) })
          : undefined,
      links: pageLinks,
    },
  };
}
