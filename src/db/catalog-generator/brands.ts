import type { BrandTable } from '../schema.js';
import type { Random } from './random.js';
import type { Leaf } from './taxonomy.js';
import type { BrandKind } from './taxonomy-spec.js';
import { slugify } from './taxonomy.js';
import { BRAND_NAMING } from './vocabulary-brands.js';

/** Brand kinds in id order: toy makers first, as the sections run. */
const KINDS: readonly BrandKind[] = ['toy', 'publisher', 'studio', 'hardware', 'baby'];
/** Share of a category's products made by brands that specialise in it. */
const SPECIALIST_SHARE = 0.75;
/** Zipf exponent of brand size: the biggest of 130 toy makers has about a tenth of its products. */
const SKEW = 0.8;

/** A brand as products refer to it. */
export interface Brand {
  readonly id: number;
  readonly name: string;
}

/** The brands as rows to insert, and a draw of the brand that makes a product of a given leaf. */
export class BrandCatalog {
  readonly rows: readonly BrandTable[];
  readonly #pools = new Map<BrandKind, readonly Brand[]>();

  /** Names every brand from a seeded shuffle of its kind's name parts; ids run from 1. */
  constructor(random: Random) {
    const rows: BrandTable[] = [];
    const slugs = new Set<string>();
    for (const kind of KINDS) {
      const naming = BRAND_NAMING[kind];
      const names = naming.first.flatMap((first) =>
        naming.second.map((second) => naming.template.replace('{1}', first).replace('{2}', second)),
      );
      const pool: Brand[] = [];
      for (let i = 0; i < names.length && pool.length < naming.count; i++) {
        const j = random.int(i, names.length - 1);
        const name = names[j] as string;
        names[j] = names[i] as string;
        const slug = slugify(name);
        if (slugs.has(slug)) continue;
        slugs.add(slug);
        const brand = { id: rows.length + 1, name };
        pool.push(brand);
        rows.push({ ...brand, slug });
      }
      if (pool.length < naming.count) throw new Error(`too few ${kind} brand names`);
      this.#pools.set(kind, pool);
    }
    this.rows = rows;
  }

  /**
   * The maker of a product in `leaf`: usually one of the brands that specialise in its top-level
   * category (pool positions ≡ the category's group), the rest from the whole pool; within either,
   * earlier brands are bigger.
   */
  pick(random: Random, leaf: Leaf): Brand {
    const pool = this.#pools.get(leaf.top.brands) as readonly Brand[];
    const { brandGroup: group, brandGroups: groups } = leaf;
    if (groups > 1 && random.chance(SPECIALIST_SHARE)) {
      const specialists = Math.ceil((pool.length - group) / groups);
      return pool[group + groups * random.zipf(specialists, SKEW)] as Brand;
    }
    return pool[random.zipf(pool.length, SKEW)] as Brand;
  }
}
