import { NotFoundError } from '../../shared/index.js';
import { idSegment, type RequestContext } from '../../framework/index.js';
import type { StoreServices } from '../services.js';
import { listingParams } from './listing-params.js';
import { listingControls } from './listing-page.js';
import { productView } from './product-view.js';

type Context = RequestContext<StoreServices>;

/** Products per section on the home page, for each of featured and best-selling. */
const HOME_PER_SECTION = 4;
const SECTION_BEST_SELLERS = 8;
const RELATED = 4;
const BRAND_FILTERS = 25;
/**
 * How long a category page waits for its brand filter's counts, which take up to half a second
 * for a large category not yet counted; after that it is shown without the filter, and cached
 * only `WITHOUT_BRANDS_MAX_AGE` seconds, while the counting goes on and fills the cache.
 */
const BRAND_COUNTS_WAIT_MS = 50;
const WITHOUT_BRANDS_MAX_AGE = 5;

/** `/`: featured items and best-sellers of every section. */
export async function home(context: Context) {
  const { catalog } = context.services;
  const taxonomy = await catalog.taxonomy();
  const sections = await Promise.all(
    taxonomy.sections.map(async (section) => {
      const [featured, best] = await Promise.all([
        catalog.featured(section.id, HOME_PER_SECTION, context.freshness),
        catalog.bestSellers(section.id, HOME_PER_SECTION, context.freshness),
      ]);
      return {
        ...section,
        featured: featured.map((p) => productView(p, taxonomy)),
        bestSellers: best.map((p) => productView(p, taxonomy)),
      };
    }),
  );
  return context.render(
    'home',
    { title: 'Toys, books, games and baby gear', sections, nav: taxonomy.sections },
    'public',
  );
}

/** `/s/:section`: a section's categories, featured items and best-sellers, in its own look. */
export async function section(context: Context) {
  const { catalog } = context.services;
  const taxonomy = await catalog.taxonomy();
  const found = taxonomy.section(context.params['section'] ?? '');
  if (!found) throw new NotFoundError('We could not find that section of the store.');
  context.section = found.slug;
  const categories = taxonomy.topCategories(found.id);
  for (const category of categories)
    taxonomy.useCategory(category, catalog.ttl.core, context.freshness);
  const [featured, best] = await Promise.all([
    catalog.featured(found.id, HOME_PER_SECTION, context.freshness),
    catalog.bestSellers(found.id, SECTION_BEST_SELLERS, context.freshness),
  ]);
  return context.render(
    'section',
    {
      title: found.name,
      section: found,
      nav: taxonomy.sections,
      categories: categories.map((c) => ({
        name: c.name,
        slug: c.slug,
        children: c.children.map((k) => ({ name: k.name, slug: k.slug })),
      })),
      featured: featured.map((p) => productView(p, taxonomy)),
      bestSellers: best.map((p) => productView(p, taxonomy)),
    },
    'public',
  );
}

/** `/c/:category`: a category's products, filtered, sorted and paginated. */
export async function category(context: Context) {
  const { catalog } = context.services;
  const taxonomy = await catalog.taxonomy();
  const found = taxonomy.category(context.params['category'] ?? '');
  if (!found) throw new NotFoundError('We could not find that category.');
  const section = taxonomy.sectionById(found.sectionId);
  context.section = section?.slug ?? 'default';
  const params = listingParams(context.query, taxonomy);
  const query = { ...params, categoryIds: taxonomy.subtreeIds(found) };
  const [listing, brandCounts] = await Promise.all([
    catalog.listing(query, context.freshness),
    within(catalog.brandCounts(query, BRAND_FILTERS), BRAND_COUNTS_WAIT_MS),
  ]);
  if (!brandCounts) context.freshness.use(WITHOUT_BRANDS_MAX_AGE, 0);
  taxonomy.useCategory(found, catalog.ttl.core, context.freshness);
  const base = `/c/${found.slug}`;
  return context.render(
    'category',
    {
      title: found.name,
      nav: taxonomy.sections,
      section,
      category: { name: found.name, slug: found.slug },
      breadcrumbs: taxonomy
        .ancestry(found)
        .slice(0, -1)
        .map((c) => ({ name: c.name, href: `/c/${c.slug}` })),
      subcategories: found.children.map((c) => ({ name: c.name, slug: c.slug })),
      products: listing.items.map((p) => productView(p, taxonomy)),
      controls: listingControls(base, params, listing.total, brandCounts ?? [], taxonomy),
    },
    'public',
  );
}

/** `/p/:productId`: one product, its availability and related products. */
export async function product(context: Context) {
  const { catalog } = context.services;
  const id = idSegment(context.params['productId']);
  const found = id === undefined ? undefined : await catalog.productById(id, context.freshness);
  if (!found) throw new NotFoundError('We could not find that product.');
  const taxonomy = await catalog.taxonomy();
  const category = taxonomy.categoryById(found.categoryId);
  const section = taxonomy.sectionById(found.sectionId);
  context.section = section?.slug ?? 'default';
  const related = await catalog.related(found, RELATED, context.freshness);
  return context.render(
    'product',
    {
      title: found.title,
      nav: taxonomy.sections,
      section,
      product: productView(found, taxonomy),
      breadcrumbs: category
        ? taxonomy.ancestry(category).map((c) => ({ name: c.name, href: `/c/${c.slug}` }))
        : [],
      related: related.map((p) => productView(p, taxonomy)),
    },
    'public',
  );
}

/** What `promise` resolves to, or undefined when that takes longer than `ms`; it runs on either way. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  // A failure after the wait has no request left to fail; one before it fails the page as before.
  promise.catch(() => undefined);
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
