import type { SearchAnswer, SearchSort } from '../../search/index.js';
import { MAX_PAGE, PAGE_SIZE, PRICE_BANDS } from '../catalog/listing-query.js';
import type { ListingParams } from '../catalog/listing-params.js';
import type { Taxonomy } from '../catalog/taxonomy.js';

/** What a search page was asked for, checked against the taxonomy. */
export interface SearchState extends Omit<ListingParams, 'sort'> {
  readonly q: string | undefined;
  readonly categorySlug: string | undefined;
  /** As asked; undefined means the default (best match with words, else best-selling). */
  readonly sort: SearchSort | undefined;
  /** Whether the query has words (then "best match" is the default order). */
  readonly hasWords: boolean;
}

const SORT_LABELS: Record<SearchSort, string> = {
  relevance: 'Best match',
  'best-selling': 'Best-selling',
  'price-asc': 'Price: low to high',
  'price-desc': 'Price: high to low',
  newest: 'Newest',
  rating: 'Customer rating',
};
/** Pages either side of the current one in the pagination bar. */
const PAGE_WINDOW = 3;
/** Categories offered to narrow a search. */
const CATEGORY_FACETS = 12;
const dollars = (cents: number | undefined) => (cents === undefined ? '' : String(cents / 100));

/** `/search?…` for the same search with some parameters changed (`undefined` removes one). */
export function searchHref(state: SearchState, change: Record<string, string | undefined>): string {
  const current: Record<string, string | undefined> = {
    q: state.q,
    category: state.categorySlug,
    brand: state.brandSlug,
    min_price: state.minPriceCents === undefined ? undefined : dollars(state.minPriceCents),
    max_price: state.maxPriceCents === undefined ? undefined : dollars(state.maxPriceCents),
    age: state.ageYears === undefined ? undefined : String(state.ageYears),
    in_stock: state.inStock ? '1' : undefined,
    sort: state.sort,
    page: state.page === 1 ? undefined : String(state.page),
  };
  const merged = { ...current, ...change };
  // Page 1 is the address without a page, so each page has one URL in the proxy's cache.
  if (merged['page'] === '1') merged['page'] = undefined;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(merged)) {
    if (value !== undefined) query.set(name, value);
  }
  const text = query.toString();
  return text ? `/search?${text}` : '/search';
}

/**
 * The parts of a search page built from the daemon's answer: sort choices, filters with their
 * facet counts, categories to narrow by, pagination, and corrections when nothing was found.
 * A page past the last result is an empty page with a way back, not an error.
 */
export function searchControls(state: SearchState, answer: SearchAnswer, taxonomy: Taxonomy) {
  const { total, facets } = answer;
  const sort = answer.sort;
  const pages = Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / PAGE_SIZE)));
  const pageLinks = [];
  for (
    let n = Math.max(1, state.page - PAGE_WINDOW);
    n <= Math.min(pages, state.page + PAGE_WINDOW);
    n++
  ) {
    pageLinks.push({
      number: n,
      href: searchHref(state, { page: String(n) }),
      current: n === state.page,
    });
  }
  const brands = facets.brand.flatMap(({ slug, count }) => {
    const brand = taxonomy.brand(slug);
    return brand ? [{ slug, name: brand.name, count, selected: slug === state.brandSlug }] : [];
  });
  if (state.brandSlug !== undefined && !brands.some((b) => b.selected)) {
    const brand = taxonomy.brand(state.brandSlug);
    if (brand) brands.unshift({ slug: brand.slug, name: brand.name, count: 0, selected: true });
  }
  const sorts = state.hasWords
    ? (Object.keys(SORT_LABELS) as SearchSort[])
    : (Object.keys(SORT_LABELS) as SearchSort[]).slice(1);
  return {
    action: '/search',
    total,
    from: total === 0 ? 0 : Math.min(total, (state.page - 1) * PAGE_SIZE + 1),
    to: Math.min(total, state.page * PAGE_SIZE),
    pastEnd: total > 0 && (state.page - 1) * PAGE_SIZE >= total,
    firstPage: searchHref(state, { page: undefined }),
    sorts: sorts.map((value) => ({ value, label: SORT_LABELS[value], selected: value === sort })),
    brands,
    ages: facets.age.map(({ years, count }) => ({
      value: years,
      count,
      selected: years === state.ageYears,
    })),
    priceBands: facets.price.map((band) => {
      const max = band.max === null ? undefined : band.max - 1;
      return {
        label: PRICE_BANDS.find((b) => b.min === band.min)?.label ?? `From $${band.min / 100}`,
        count: band.count,
        href: searchHref(state, {
          min_price: band.min === 0 ? undefined : dollars(band.min),
          max_price: max === undefined ? undefined : dollars(max),
          page: undefined,
        }),
        current: (state.minPriceCents ?? 0) === band.min && state.maxPriceCents === max,
      };
    }),
    minPrice: dollars(state.minPriceCents),
    maxPrice: dollars(state.maxPriceCents),
    inStock: state.inStock,
    hidden: [
      ...(state.q === undefined ? [] : [{ name: 'q', value: state.q }]),
      ...(state.categorySlug === undefined
        ? []
        : [{ name: 'category', value: state.categorySlug }]),
    ],
    categories: categoryFacets(state, answer, taxonomy),
    corrections: answer.suggestions.map((s) => ({
      q: s.q,
      href: searchHref({ ...state, q: s.q, page: 1 }, {}),
    })),
    pagination: {
      pages,
      current: state.page,
      previous:
        state.page > 1
          ? searchHref(state, { page: String(Math.min(state.page, pages + 1) - 1) })
          : undefined,
      next: state.page < pages ? searchHref(state, { page: String(state.page + 1) }) : undefined,
      links: pageLinks,
    },
  };
}

// Narrowing goes down the tree: inside a chosen category its children, else the top categories.
function categoryFacets(state: SearchState, answer: SearchAnswer, taxonomy: Taxonomy) {
  const chosen =
    state.categorySlug === undefined ? undefined : taxonomy.category(state.categorySlug);
  return answer.facets.category
    .flatMap(({ slug, count }) => {
      const category = taxonomy.category(slug);
      const offered = chosen ? category?.parentId === chosen.id : category?.parentId === null;
      return category && offered
        ? [
            {
              name: category.name,
              count,
              href: searchHref(state, { category: slug, page: undefined }),
            },
          ]
        : [];
    })
    .slice(0, CATEGORY_FACETS);
}
