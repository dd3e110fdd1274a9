import type { Database } from '../../db/index.js';
import type { Freshness } from '../../framework/index.js';

export interface Section {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
}

export interface Category {
  readonly id: number;
  readonly sectionId: number;
  readonly parentId: number | null;
  readonly slug: string;
  readonly name: string;
  readonly path: string;
  readonly updatedAt: number;
  readonly children: Category[];
}

export interface Brand {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
}

/**
 * The catalog's small, slow-changing structure — sections, the category tree and brands — held
 * whole in memory and reloaded when its time-to-live runs out. A few hundred rows: one query each.
 */
export class Taxonomy {
  readonly sections: readonly Section[];
  readonly loadedAt: number;
  readonly #sectionsBySlug: Map<string, Section>;
  readonly #categoriesBySlug: Map<string, Category>;
  readonly #categoriesById: Map<number, Category>;
  readonly #brandsById: Map<number, Brand>;
  readonly #brandsBySlug: Map<string, Brand>;

  constructor(sections: Section[], categories: Category[], brands: Brand[], loadedAt: number) {
    this.sections = sections;
    this.loadedAt = loadedAt;
    this.#sectionsBySlug = new Map(sections.map((s) => [s.slug, s]));
    this.#categoriesBySlug = new Map(categories.map((c) => [c.slug, c]));
    this.#categoriesById = new Map(categories.map((c) => [c.id, c]));
    this.#brandsById = new Map(brands.map((b) => [b.id, b]));
    this.#brandsBySlug = new Map(brands.map((b) => [b.slug, b]));
  }

  /** Reads the whole taxonomy in three queries. */
  static async load(database: Database, now: number): Promise<Taxonomy> {
    const [sections, rows, brands] = await Promise.all([
      database.db
        .selectFrom('sections')
        .select(['id', 'slug', 'name'])
        .orderBy('position')
        .execute(),
      database.db
        .selectFrom('categories')
        .selectAll()
        .orderBy('depth')
        .orderBy('position')
        .execute(),
      database.db.selectFrom('brands').select(['id', 'slug', 'name']).execute(),
    ]);
    const categories: Category[] = rows.map((row) => ({
      id: row.id,
      sectionId: row.section_id,
      parentId: row.parent_id,
      slug: row.slug,
      name: row.name,
      path: row.path,
      updatedAt: row.updated_at,
      children: [],
    }));
    const byId = new Map(categories.map((c) => [c.id, c]));
    for (const category of categories) {
      if (category.parentId !== null) byId.get(category.parentId)?.children.push(category);
    }
    return new Taxonomy(sections, categories, brands, now);
  }

  section(slug: string): Section | undefined {
    return this.#sectionsBySlug.get(slug);
  }

  sectionById(id: number): Section | undefined {
    return this.sections.find((s) => s.id === id);
  }

  category(slug: string): Category | undefined {
    return this.#categoriesBySlug.get(slug);
  }

  categoryById(id: number): Category | undefined {
    return this.#categoriesById.get(id);
  }

  brand(slug: string): Brand | undefined {
    return this.#brandsBySlug.get(slug);
  }

  brandById(id: number): Brand | undefined {
    return this.#brandsById.get(id);
  }

  /** The top-level categories of a section, in display order. */
  topCategories(sectionId: number): Category[] {
    return [...this.#categoriesById.values()].filter(
      (c) => c.sectionId === sectionId && c.parentId === null,
    );
  }

  /** Ids of the category and every category below it: the leaves hold the products. */
  subtreeIds(category: Category): number[] {
    const ids: number[] = [];
    const walk = (c: Category) => {
      ids.push(c.id);
      c.children.forEach(walk);
    };
    walk(category);
    return ids;
  }

  /** The chain of categories from the top of the tree down to `category`. */
  ancestry(category: Category): Category[] {
    return category.path
      .split('/')
      .filter(Boolean)
      .map((id) => this.#categoriesById.get(Number(id)))
      .filter((c): c is Category => c !== undefined);
  }

  /** Records the use of a category's data on a page. */
  useCategory(category: Category, ttlSeconds: number, freshness?: Freshness): void {
    freshness?.use(
      ttlSeconds - (Date.now() - this.loadedAt) / 1000,
      category.updatedAt,
      `c${category.id}`,
    );
  }
}
