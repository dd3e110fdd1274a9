import { BadRequestError } from '../../shared/index.js';
import { formParams, idSegment, intParam, type RequestContext } from '../../framework/index.js';
import type { StoreServices } from '../services.js';
import { Visit } from '../sessions/visit.js';
import { cartView } from './cart-view.js';
import { MAX_QUANTITY } from './carts.js';

type Context = RequestContext<StoreServices>;

/** `GET /cart`: the visitor's cart, priced now, with what is short of stock marked. */
export async function showCart(context: Context) {
  const visit = await Visit.open(context);
  const view = await cartView(context.services, visit.sessionId);
  visit.showCartCount(view.count);
  return visit.page('cart', { title: 'Your cart', cart: view, nav: await nav(context) });
}

/** `POST /cart/items` (`product_id`, `quantity`): adds a product, then back to the cart. */
export async function addItem(context: Context) {
  const visit = await Visit.open(context);
  const form = formParams(context.request);
  visit.checkForm(form);
  const productId = idSegment(form.get('product_id') ?? undefined);
  if (productId === undefined) throw new BadRequestError('Choose a product to add to your cart.');
  const quantity = intParam(form, 'quantity', { min: 1, max: MAX_QUANTITY }) ?? 1;
  if (!(await context.services.catalog.productById(productId))) {
    throw new BadRequestError('That product is not in our catalog.');
  }
  await visit.started();
  const lines = await context.services.carts.add(visit.sessionId, productId, quantity);
  visit.showCartCount(count(lines));
  return visit.redirect('/cart');
}

/** `POST /cart/items/:id` (`quantity`, or `remove`): changes a line's quantity; 0 removes it. */
export async function changeItem(context: Context) {
  const visit = await Visit.open(context);
  const form = formParams(context.request);
  visit.checkForm(form);
  const productId = idSegment(context.params['id']);
  if (productId === undefined) throw new BadRequestError('That is not a line of your cart.');
  const quantity = form.has('remove')
    ? 0
    : intParam(form, 'quantity', { min: 0, max: MAX_QUANTITY });
  if (quantity === undefined)
    throw new BadRequestError('Give a quantity, or 0 to remove the item.');
  const lines = await context.services.carts.setQuantity(visit.sessionId, productId, quantity);
  visit.showCartCount(count(lines));
  return visit.redirect('/cart');
}

/**
 * `GET /csrf-token`: the session's CSRF token (and its cookie), for the add-to-cart forms on
 * cached pages, which cannot carry it themselves (public/js/cart-count.js fills them in).
 */
export async function csrfToken(context: Context) {
  const visit = await Visit.open(context);
  return visit.respond({
    status: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' },
    body: visit.csrfToken,
  });
}

function count(lines: readonly { quantity: number }[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

/** The section links of the page header. */
export async function nav(context: Context) {
  return (await context.services.catalog.taxonomy()).sections;
}
