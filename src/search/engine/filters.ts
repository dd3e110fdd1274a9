/** Why a document that is in the chosen category fails other filters: one bit per filter. */
export const FAIL_BRAND = 1;
export const FAIL_PRICE = 2;
export const FAIL_AGE = 4;
export const FAIL_STOCK = 8;

/** A query's filters resolved against the taxonomy; the neutral value where one was not asked for. */
export interface Filters {
  /** False when no filter was asked for. */
  readonly any: boolean;
  /** 1 for each category id in the chosen subtree. */
  readonly categoryMask: Uint8Array | undefined;
  readonly categoryIds: readonly number[] | undefined;
  /** −1 for any. */
  readonly brandId: number;
  readonly minPrice: number;
  readonly maxPrice: number;
  /** 1 for each age class that suits the asked-for age, by class. */
  readonly ageSuits: Uint8Array | undefined;
  readonly inStock: boolean;
}
