import { BadRequestError } from '../shared/index.js';
import { choiceParam, intParam, moneyParam, stringParam } from '../framework/index.js';
import {
  DEFAULT_PER_PAGE,
  MAX_PER_PAGE,
  MAX_RESULT_WINDOW,
  SEARCH_SORTS,
  type SearchRequest,
} from './engine/index.js';

/** A category or brand slug as the catalog makes them; anything else cannot name one. */
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;
const YES = ['1', 'true', 'on'];
const NO = ['0', 'false', 'off'];

/**
 * Reads `q`, `category`, `brand`, `min_price`, `max_price` (dollars), `age` (years), `in_stock`,
 * `sort`, `page` and `per_page`. Malformed values are a `BadRequestError` naming the parameter; a
 * well-formed slug that names nothing is left for the engine, which finds nothing for it.
 */
export function searchParams(query: URLSearchParams): SearchRequest {
  const slug = (name: string) => {
    const value = stringParam(query, name);
    if (value !== undefined && !SLUG.test(value)) {
      throw new BadRequestError(`The parameter '${name}' must be a slug such as 'train-sets'.`);
    }
    return value;
  };
  const minPriceCents = moneyParam(query, 'min_price');
  const maxPriceCents = moneyParam(query, 'max_price');
  if (minPriceCents !== undefined && maxPriceCents !== undefined && minPriceCents > maxPriceCents) {
    throw new BadRequestError('The parameter min_price must not be above max_price.');
  }
  const inStock = choiceParam(query, 'in_stock', [...YES, ...NO]);
  const perPage = intParam(query, 'per_page', { min: 1, max: MAX_PER_PAGE }) ?? DEFAULT_PER_PAGE;
  const page =
    intParam(query, 'page', { min: 1, max: Math.floor(MAX_RESULT_WINDOW / perPage) }) ?? 1;
  return {
    q: stringParam(query, 'q') ?? '',
    category: slug('category'),
    brand: slug('brand'),
    minPriceCents,
    maxPriceCents,
    ageYears: intParam(query, 'age', { min: 0, max: 18 }),
    inStock: inStock !== undefined && YES.includes(inStock),
    sort: choiceParam(query, 'sort', SEARCH_SORTS),
    page,
    perPage,
  };
}

/** The query string that asks the daemon for `request` (the client's side of `searchParams`). */
export function searchQueryString(request: SearchRequest): string {
  const query = new URLSearchParams();
  const set = (name: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') query.set(name, String(value));
  };
  set('q', request.q);
  set('category', request.category);
  set('brand', request.brand);
  set(
    'min_price',
    request.minPriceCents === undefined ? undefined : (request.minPriceCents / 100).toFixed(2),
  );
  set(
    'max_price',
    request.maxPriceCents === undefined ? undefined : (request.maxPriceCents / 100).toFixed(2),
  );
  set('age', request.ageYears);
  if (request.inStock) set('in_stock', '1');
  set('sort', request.sort);
  set('page', request.page);
  set('per_page', request.perPage);
  return query.toString();
}
