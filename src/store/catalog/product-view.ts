import { availability, available, type ProductRecord } from './product-record.js';
import type { Taxonomy } from './taxonomy.js';

/**
 * Cents as the store shows them: `$1,234.56` (en-US currency). By hand: `Intl.NumberFormat`
 * costs a few microseconds a call, and a page of products formats dozens of prices.
 */
export function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.round(Math.abs(cents));
  const whole = String(Math.floor(abs / 100));
  const rest = abs % 100;
  const grouped = whole.length > 3 ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
  return `${sign}$${grouped}.${rest < 10 ? '0' : ''}${rest}`;
}

/** What templates see of a product: the parts consolidated and formatted (the paper's `view()`). */
export interface ProductView {
  readonly id: number;
  readonly url: string;
  readonly imageUrl: string;
  readonly title: string;
  readonly author: string | null;
  readonly sku: string;
  readonly description: string;
  readonly brand: { readonly name: string; readonly slug: string } | undefined;
  readonly category: { readonly name: string; readonly slug: string } | undefined;
  readonly price: string;
  /** The list price when the product is on sale. */
  readonly listPrice: string | undefined;
  readonly savingsPercent: number | undefined;
  readonly rating: number;
  readonly reviewCount: number;
  readonly ages: string;
  readonly inStock: boolean;
  readonly availability: string;
}

export function productView(product: ProductRecord, taxonomy: Taxonomy): ProductView {
  const brand = taxonomy.brandById(product.brandId);
  const category = taxonomy.categoryById(product.categoryId);
  const onSale = product.listPriceCents > product.priceCents;
  const units = available(product);
  return {
    id: product.id,
    url: `/p/${product.id}`,
    imageUrl: `/img/p/${product.id}.svg`,
    title: product.title,
    author: product.author,
    sku: product.sku,
    description: product.description,
    brand: brand && { name: brand.name, slug: brand.slug },
    category: category && { name: category.name, slug: category.slug },
    price: money(product.priceCents),
    listPrice: onSale ? money(product.listPriceCents) : undefined,
    savingsPercent: onSale
      ? Math.round((1 - product.priceCents / product.listPriceCents) * 100)
      : undefined,
    rating: product.rating,
    reviewCount: product.reviewCount,
    ages: ageRange(product.ageMinMonths, product.ageMaxMonths),
    inStock: units > 0,
    availability: availability(units),
  };
}

/** "Ages 3–8 years", "0–18 months", "Ages 13+". */
export function ageRange(minMonths: number, maxMonths: number): string {
  if (maxMonths <= 24) return `${minMonths}–${maxMonths} months`;
  const min = Math.floor(minMonths / 12);
  if (maxMonths >= 18 * 12) return `Ages ${min}+`;
  return `Ages ${min}–${Math.floor(maxMonths / 12)} years`;
}
