import { BadRequestError } from '../../shared/index.js';
import { stringParam, type RequestContext } from '../../framework/index.js';
import type { StoreServices } from '../services.js';
import { listingParams } from '../catalog/listing-params.js';
import { listingControls } from '../catalog/listing-page.js';
import { productView } from '../catalog/product-view.js';

/** Words of a query that take part in matching. */
const MAX_WORDS = 8;

/** Splits a query into lower-case words of letters and digits. */
export function queryWords(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
}

/**
 * `/search`: products whose titles hold every word, with the listing filters. Until the search
 * tier answers, the database does the matching (see docs/decisions.md).
 */
export async function search(context: RequestContext<StoreServices>) {
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
