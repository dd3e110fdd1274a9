/** A product with its inventory, as the catalog reads it; the parts expire on their own schedules. */
export interface ProductRecord {
  readonly id: number;
  readonly sku: string;
  readonly title: string;
  readonly description: string;
  readonly author: string | null;
  readonly brandId: number;
  readonly categoryId: number;
  readonly sectionId: number;
  readonly priceCents: number;
  readonly listPriceCents: number;
  readonly ageMinMonths: number;
  readonly ageMaxMonths: number;
  readonly rating: number;
  readonly reviewCount: number;
  readonly salesRank: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly onHand: number;
  readonly reserved: number;
  readonly inventoryUpdatedAt: number;
}

/** Units a customer can still buy. */
export function available(product: ProductRecord): number {
  return Math.max(0, product.onHand - product.reserved);
}
