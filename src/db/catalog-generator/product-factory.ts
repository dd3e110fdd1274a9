import type { InventoryTable, ProductTable } from '../schema.js';
import type { AuthorPool } from './authors.js';
import type { BrandCatalog } from './brands.js';
import type { Copywriter } from './copywriter.js';
import type { Leaf, Taxonomy } from './taxonomy.js';
import { Random } from './random.js';
import type { Permutation } from './permutation.js';
import { GoodsCopywriter } from './goods-copy.js';
import { BookCopywriter } from './book-copy.js';
import { GameCopywriter } from './game-copy.js';
import { listPriceCents, priceCents } from './pricing.js';
import { skuFor } from './sku.js';
import { AGE_AND_UP } from './taxonomy-spec.js';
import { CATALOG_SPAN, ONE_DAY, SEED_NOW } from './timeline.js';
import { TOY_CLOSERS, TOY_FEATURES, TOY_OPENERS, TOY_THEMES } from './vocabulary-toys.js';
import { BABY_CLOSERS, BABY_FEATURES, BABY_OPENERS, BABY_THEMES } from './vocabulary-baby.js';

/** Share of products with nothing on hand. */
export const OUT_OF_STOCK_SHARE = 0.08;
/**
 * Reviews of the best-seller, before noise; the rest fall off as rank^-0.6 (a Zipf law), which
 * leaves the millionth product one or two and the ten-thousandth about twenty.
 */
const TOP_REVIEWS = 5000;
const REVIEW_DECAY = 0.6;
/** Ages printed on boxes; a product may start a step above its category's youngest age. */
const AGE_STEPS = [0, 3, 6, 9, 12, 18, 24, 36, 48, 60, 72, 84, 96, 120, 144, 168, 216];

/** One generated product and its inventory row. */
export interface GeneratedProduct {
  readonly product: ProductTable;
  readonly inventory: InventoryTable;
}

/** What every product of one catalog shares. */
export interface FactoryOptions {
  readonly seed: number;
  readonly total: number;
  readonly taxonomy: Taxonomy;
  readonly brands: BrandCatalog;
  readonly authors: AuthorPool;
  /** Decides each product's sales rank; a permutation of [0, total). */
  readonly ranks: Permutation;
}

/**
 * Makes product number `index` of a catalog from nothing but the seed and the index: each product
 * draws from its own random stream, so any product can be made alone, in any order or batch size,
 * and comes out the same.
 */
export class ProductFactory {
  readonly #options: FactoryOptions;
  readonly #copywriters: ReadonlyMap<string, Copywriter>;

  constructor(options: FactoryOptions) {
    this.#options = options;
    this.#copywriters = new Map<string, Copywriter>([
      [
        'toys',
        new GoodsCopywriter({
          themes: TOY_THEMES,
          themesFirst: true,
          themeRate: 0.5,
          brandRate: 0.3,
          lineRate: 0.3,
          openers: TOY_OPENERS,
          features: TOY_FEATURES,
          closers: TOY_CLOSERS,
        }),
      ],
      ['books', new BookCopywriter(options.authors)],
      ['games', new GameCopywriter()],
      [
        'baby',
        new GoodsCopywriter({
          themes: BABY_THEMES,
          themesFirst: false,
          themeRate: 0.3,
          brandRate: 0.4,
          lineRate: 0.45,
          openers: BABY_OPENERS,
          features: BABY_FEATURES,
          closers: BABY_CLOSERS,
        }),
      ],
    ]);
  }

  /** Product `index` (0-based); its id is `index + 1`. */
  make(index: number): GeneratedProduct {
    const { seed, total, taxonomy, brands, ranks } = this.#options;
    const id = index + 1;
    const random = new Random(seed, id);
    const leaf = taxonomy.pickLeaf(random);
    const brand = brands.pick(random, leaf);
    const [ageMin, ageMax] = ages(random, leaf);
    const copywriter = this.#copywriters.get(leaf.section.slug) as Copywriter;
    const copy = copywriter.write(random, { leaf, brand: brand.name, ageMin, ageMax });
    const price = priceCents(random, leaf.spec.price);
    const salesRank = ranks.at(index) + 1;
    const reviews = Math.max(
      1,
      Math.round(TOP_REVIEWS * salesRank ** -REVIEW_DECAY * Math.exp(0.5 * random.normal())),
    );
    // Products were added steadily over the catalog's span, so ids and creation times rise
    // together; that also keeps the (…, created_at) indexes appending rather than splitting.
    const createdAt =
      SEED_NOW - CATALOG_SPAN + Math.floor(((index + random.float()) * CATALOG_SPAN) / total);
    const updatedAt = random.chance(0.5)
      ? createdAt
      : createdAt + Math.floor(random.float() * (SEED_NOW - createdAt));
    const onHand = random.chance(OUT_OF_STOCK_SHARE)
      ? 0
      : 1 + Math.floor(499 * random.float() ** 3);
    return {
      product: {
        id,
        sku: skuFor(id, leaf.section.id),
        title: copy.title,
        description: copy.description,
        author: copy.author,
        brand_id: brand.id,
        category_id: leaf.id,
        section_id: leaf.section.id,
        price_cents: price,
        list_price_cents: listPriceCents(random, price),
        age_min_months: ageMin,
        age_max_months: ageMax,
        rating: rating(random, reviews),
        review_count: reviews,
        sales_rank: salesRank,
        created_at: createdAt,
        updated_at: updatedAt,
      },
      inventory: {
        product_id: id,
        on_hand: onHand,
        reserved: 0,
        updated_at: Math.max(createdAt, SEED_NOW - Math.floor(random.float() * 14 * ONE_DAY)),
      },
    };
  }
}

// Toys and baby goods vary a step around their aisle's ages; books and games keep their bands,
// which are reading levels and ESRB marks.
function ages(random: Random, leaf: Leaf): [number, number] {
  let [min, max] = leaf.spec.age;
  if (leaf.section.slug !== 'toys' && leaf.section.slug !== 'baby') return [min, max];
  if (random.chance(0.25)) {
    const next = AGE_STEPS.find((step) => step > min);
    if (next !== undefined && next + 12 <= max) min = next;
  }
  if (max !== AGE_AND_UP && random.chance(0.25)) {
    const previous = AGE_STEPS.findLast((step) => step < max);
    if (previous !== undefined && previous >= min + 12) max = previous;
  }
  return [min, max];
}

// Each product has a true quality; its rating is the mean of its reviews' whole stars, so an item
// with one review shows a whole number and a much-reviewed one sits close to its quality.
function rating(random: Random, reviews: number): number {
  const quality = 4.2 + 0.45 * random.normal();
  const star = () => Math.min(5, Math.max(1, Math.round(quality + 0.9 * random.normal())));
  let mean: number;
  if (reviews <= 5) {
    let sum = 0;
    for (let i = 0; i < reviews; i++) sum += star();
    mean = sum / reviews;
  } else {
    mean = quality + (0.9 * random.normal()) / Math.sqrt(reviews);
  }
  return Math.round(Math.min(5, Math.max(1, mean)) * 10) / 10;
}
