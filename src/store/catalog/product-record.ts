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

/** Units a customer can still buy. */
export function available(product: ProductInventory): number {
  return Math.max(0, product.onHand - product.reserved);
}
