import { NotFoundError } from '../../shared/index.js';
import { idSegment, type RequestContext } from '../../framework/index.js';
import type { StoreServices } from '../services.js';
import { Visit } from '../sessions/visit.js';
import { nav } from '../cart/cart-controllers.js';
import { money } from '../catalog/product-view.js';
import { SHIPPING_METHODS, type ShippingMethod } from '../checkout/place-order.js';

type Context = RequestContext<StoreServices>;

/**
 * `GET /orders/:id`: an order, for the customer who placed it or the session it was placed in.
 * Anyone else gets the same 404 as for an order that does not exist, so ids reveal nothing.
 */
export async function showOrder(context: Context) {
  const visit = await Visit.open(context);
  const id = idSegment(context.params['id']);
  const order = id === undefined ? undefined : await context.services.orders.byId(id);
  const mine =
    order !== undefined &&
    ((visit.customerId !== null && order.customerId === visit.customerId) ||
      order.sessionId === visit.sessionId);
  if (!order || !mine) throw new NotFoundError('We could not find that order.');
  const method = SHIPPING_METHODS[order.shippingMethod as ShippingMethod];
  return visit.page('order', {
    title: `Order ${order.id}`,
    nav: await nav(context),
    order: {
      ...order,
      placed: new Date(order.createdAt).toUTCString(),
      lines: order.lines.map((line) => ({
        ...line,
        url: `/p/${line.productId}`,
        unitPrice: money(line.unitPriceCents),
        lineTotal: money(line.unitPriceCents * line.quantity),
      })),
      subtotal: money(order.subtotalCents),
      shipping: money(order.shippingCents),
      shippingLabel: method?.label ?? order.shippingMethod,
      total: money(order.totalCents),
    },
  });
}
