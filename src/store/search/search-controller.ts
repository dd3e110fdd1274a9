import { Histogram } from 'prom-client';
import { BadRequestError } from '../../shared/index.js';
import {
  choiceParam,
  stringParam,
  type AppResponse,
  type RequestContext,
} from '../../framework/index.js';
import {
  SEARCH_SORTS,
  SearchUnavailableError,
  analyzeQuery,
  type SearchClient,
} from '../../search/index.js';
import type { StoreServices } from '../services.js';
import { listingParams } from '../catalog/listing-params.js';
import { listingControls } from '../catalog/listing-page.js';
import { PAGE_SIZE } from '../catalog/listing-query.js';
import { productView } from '../catalog/product-view.js';
import type { Taxonomy } from '../catalog/taxonomy.js';
import { searchControls, type SearchState } from './search-page.js';

/** The search daemon's answer time as this app server sees it, for the operations view. */
const searchSeconds = new Histogram({
  name: 'yuletide_search_duration_seconds',
  help: 'Seconds the search daemon took to answer this app server, round trip',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
});

type Context = RequestContext<StoreServices>;

/** Words of a query that take part in matching. */
const MAX_WORDS = 8;
/** Seconds a "search is resting" answer tells clients to wait before asking again. */
const RETRY_AFTER_SECONDS = 5;

/** Splits a query into lower-case words of letters and digits. */
export function queryWords(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
}

/**
 * `/search`: through the search daemon when the store has one (SEARCH_URL), else the interim
 * database search. When the daemon is down or slow the page says search is resting, within the
 * client's deadline, and nothing else on the site notices.
 */
export function search(context: Context): Promise<AppResponse> {
  const client = context.services.search;
  return client ? searchWithDaemon(context, client) : searchInDatabase(context);
}

async function searchWithDaemon(context: Context, client: SearchClient): Promise<AppResponse> {
  const { catalog } = context.services;
  const taxonomy = await catalog.taxonomy();
  const state = searchState(context.query, taxonomy);
  const filtered =
    state.categorySlug !== undefined ||
    state.brandSlug !== undefined ||
    state.minPriceCents !== undefined ||
    state.maxPriceCents !== undefined ||
    state.ageYears !== undefined ||
    state.inStock;
  const common = {
    title: state.q ? `Search: ${state.q}` : 'Search',
    nav: taxonomy.sections,
    q: state.q ?? '',
    category: categoryOf(state, taxonomy),
    suggestions: taxonomy.sections.map((s) => ({ name: s.name, href: `/s/${s.slug}` })),
  };
  if (state.q === undefined && !filtered) {
    return context.render('search', { ...common, asked: false }, 'public');
  }
  let answer;
  const asked = performance.now();
  try {
    answer = await client.search(
      {
        q: state.q ?? '',
        category: state.categorySlug,
        brand: state.brandSlug,
        minPriceCents: state.minPriceCents,
        maxPriceCents: state.maxPriceCents,
        ageYears: state.ageYears,
        inStock: state.inStock,
        sort: state.sort,
        page: state.page,
        perPage: PAGE_SIZE,
      },
      context.request.requestId,
    );
    searchSeconds.observe((performance.now() - asked) / 1000);
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    context.log.warn({ err: error, reqId: context.request.requestId }, 'search is resting');
    const response = context.render(
      'search',
      { ...common, asked: true, resting: true },
      'private',
      503,
    );
    response.headers['retry-after'] = String(RETRY_AFTER_SECONDS);
    return response;
  }
  const products = await catalog.products(answer.ids, context.freshness);
  // The list itself is as fresh as a listing; the products on it record their own lifetimes.
  context.freshness.use(catalog.ttl.price, 0);
  return context.render(
    'search',
    {
      ...common,
      asked: true,
      products: products.map((p) => productView(p, taxonomy)),
      controls: searchControls(state, answer, taxonomy),
    },
    'public',
  );
}

/** Reads the search page's parameters; bad values are a 400 naming them. */
function searchState(query: URLSearchParams, taxonomy: Taxonomy): SearchState {
  const q = stringParam(query, 'q');
  const sort = choiceParam(query, 'sort', SEARCH_SORTS);
  // The listing filters are shared with category pages, whose orders lack "best match".
  const rest = new URLSearchParams(query);
  rest.delete('sort');
  const params = listingParams(rest, taxonomy);
  const categorySlug = stringParam(query, 'category');
  if (categorySlug !== undefined && !taxonomy.category(categorySlug)) {
    throw new BadRequestError('There is no such category.');
  }
  const hasWords = q !== undefined && analyzeQuery(q).words.length > 0;
  return { ...params, q, categorySlug, sort, hasWords };
}

function categoryOf(state: SearchState, taxonomy: Taxonomy) {
  const category =
    state.categorySlug === undefined ? undefined : taxonomy.category(state.categorySlug);
  return category && { name: category.name, slug: category.slug };
}

/**
 * The interim search, used when no daemon is configured: products whose titles hold every word,
 * with the listing filters, matched in the database (see docs/decisions.md).
 */
async function searchInDatabase(context: Context): Promise<AppResponse> {
  const { catalog } = context.services;
  const taxonomy = await catalog.taxonomy();
  const q = stringParam(context.query, 'q');
  const params = listingParams(context.query, taxonomy);
  const categorySlug = stringParam(context.query, 'category');
  const category = categorySlug === undefined ? undefined : taxonomy.category(categorySlug);
  if (categorySlug !== undefined && !category)
    throw new BadRequestError('There is no such category.');
  const words = q === undefined ? [] : queryWords(q);
  const filtered = category !== undefined || params.brandId !== undefined;
  const asked = words.length > 0 || filtered;
  const query = { ...params, words, categoryIds: category && taxonomy.subtreeIds(category) };
  const [listing, brandCounts] = asked
    ? await Promise.all([catalog.listing(query, context.freshness), catalog.brandCounts(query, 25)])
    : [{ total: 0, items: [] }, []];
  const controls = listingControls(
    '/search',
    { ...params, q },
    listing.total,
    brandCounts,
    taxonomy,
  );
  if (category) controls.hidden.push({ name: 'category', value: category.slug });
  return context.render(
    'search',
    {
      title: q ? `Search: ${q}` : 'Search',
      nav: taxonomy.sections,
      q: q ?? '',
      asked,
      category: category && { name: category.name, slug: category.slug },
      products: listing.items.map((p) => productView(p, taxonomy)),
      suggestions: taxonomy.sections.map((s) => ({ name: s.name, href: `/s/${s.slug}` })),
      controls,
    },
    'public',
  );
}
