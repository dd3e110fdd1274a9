import type { Database } from '../db/index.js';

/** The fixture's clock: every row is stamped with it. */
export const FIXTURE_TIME = Date.UTC(2026, 10, 1);

/** What the fixture's products are, by section (toys, books, games, baby). */
const NOUNS = ['Wooden Train', 'Dragon Tale', 'Galaxy Raiders', 'Cotton Swaddle'];

/** A title that must always be shown escaped. */
export const XSS_TITLE = '<script>alert(1)</script>';

/**
 * A small, hand-made catalog for tests: four sections, a two-level category tree, three brands
 * and `products` products (id 1 is titled with a script tag; id 2 is out of stock).
 */
export async function insertCatalogFixture(database: Database, products = 60): Promise<void> {
  const { db } = database;
  const sections = ['toys', 'books', 'games', 'baby'];
  await db
    .insertInto('sections')
    .values(
      sections.map((slug, i) => ({
        id: i + 1,
        slug,
        name: slug === 'games' ? 'Video Games' : slug[0]!.toUpperCase() + slug.slice(1),
        position: i + 1,
      })),
    )
    .execute();
  const categories = [
    {
      id: 1,
      section_id: 1,
      parent_id: null,
      slug: 'building-toys',
      name: 'Building Toys',
      path: '/1/',
      depth: 0,
    },
    {
      id: 2,
      section_id: 1,
      parent_id: 1,
      slug: 'wooden-blocks',
      name: 'Wooden Blocks',
      path: '/1/2/',
      depth: 1,
    },
    {
      id: 3,
      section_id: 1,
      parent_id: 1,
      slug: 'construction-sets',
      name: 'Construction Sets',
      path: '/1/3/',
      depth: 1,
    },
    {
      id: 4,
      section_id: 2,
      parent_id: null,
      slug: 'picture-books',
      name: 'Picture Books',
      path: '/4/',
      depth: 0,
    },
    {
      id: 5,
      section_id: 3,
      parent_id: null,
      slug: 'switch-games',
      name: 'Switch Games',
      path: '/5/',
      depth: 0,
    },
    {
      id: 6,
      section_id: 4,
      parent_id: null,
      slug: 'swaddles',
      name: 'Swaddles',
      path: '/6/',
      depth: 0,
    },
  ];
  await db
    .insertInto('categories')
    .values(categories.map((c, i) => ({ ...c, position: i, updated_at: FIXTURE_TIME })))
    .execute();
  await db
    .insertInto('brands')
    .values([
      { id: 1, slug: 'acme-toys', name: 'Acme Toys' },
      { id: 2, slug: 'lantern-press', name: 'Lantern Press' },
      { id: 3, slug: 'pixel-forge', name: 'Pixel Forge' },
    ])
    .execute();
  const leaves = [2, 3, 4, 5, 6];
  const rows = [];
  for (let id = 1; id <= products; id++) {
    const categoryId = leaves[id % leaves.length]!;
    const sectionId = categories.find((c) => c.id === categoryId)!.section_id;
    rows.push({
      id,
      sku: `FX-${id}`,
      title: id === 1 ? XSS_TITLE : `Fixture ${NOUNS[sectionId - 1]} ${id}`,
      description: `Description of fixture product ${id}.`,
      author: sectionId === 2 ? 'Ada Writer' : null,
      brand_id: (id % 3) + 1,
      category_id: categoryId,
      section_id: sectionId,
      price_cents: 500 + id * 100,
      list_price_cents: id % 3 === 0 ? 800 + id * 100 : 500 + id * 100,
      age_min_months: 36,
      age_max_months: 96,
      rating: 3 + (id % 20) / 10,
      review_count: 1000 - id,
      sales_rank: id,
      created_at: FIXTURE_TIME - id * 86_400_000,
      updated_at: FIXTURE_TIME,
    });
  }
  await db.insertInto('products').values(rows).execute();
  await db
    .insertInto('inventory')
    .values(
      rows.map((r) => ({
        product_id: r.id,
        on_hand: r.id === 2 ? 0 : 50,
        reserved: 0,
        updated_at: FIXTURE_TIME,
      })),
    )
    .execute();
}
