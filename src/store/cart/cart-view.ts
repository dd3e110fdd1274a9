import { available } from '../catalog/product-record.js';
import { money } from '../catalog/product-view.js';
import type { StoreServices } from '../services.js';

/** A cart line as the cart and checkout pages show it. */
export interface CartLineView {
  readonly productId: number;
  readonly title: string;
  readonly url: string;
  readonly imageUrl: string;
  readonly quantity: number;
  readonly unitPrice: string;
  readonly lineTotal: string;
  /** Units left when fewer than asked for; the line cannot be bought as it is. */
  readonly short: number | undefined;
}

export interface CartView {
  readonly lines: readonly CartLineView[];
  readonly count: number;
  readonly subtotalCents: number;
  readonly subtotal: string;
  /** True when some line asks for more than is in stock. */
  readonly short: boolean;
}

/** A session's cart with today's prices and stock from the object cache (re-checked again at checkout). */
export async function cartView(
  services: Pick<StoreServices, 'carts' | 'catalog'>,
  sessionId: string,
): Promise<CartView> {
  const lines = await services.carts.lines(sessionId);
  const products = new Map(
    (await services.catalog.products(lines.map((line) => line.productId))).map((p) => [p.id, p]),
  );
  let subtotalCents = 0;
  const views = lines.flatMap((line) => {
    const product = products.get(line.productId);
    if (!product) return [];
    subtotalCents += product.priceCents * line.quantity;
    const units = available(product);
    return [
      {
        productId: product.id,
        title: product.title,
        url: `/p/${product.id}`,
        imageUrl: `/img/p/${product.id}.svg`,
        quantity: line.quantity,
        unitPrice: money(product.priceCents),
        lineTotal: money(product.priceCents * line.quantity),
        short: units < line.quantity ? units : undefined,
      },
    ];
  });
  return {
    lines: views,
    count: views.reduce((sum, line) => sum + line.quantity, 0),
    subtotalCents,
    subtotal: money(subtotalCents),
    short: views.some((line) => line.short !== undefined),
  };
}
