import { randomUUID } from 'node:crypto';
import { BadRequestError, seal, unseal } from '../../shared/index.js';
import { formParams, type AppResponse, type RequestContext } from '../../framework/index.js';
import type { StoreServices } from '../services.js';
import { Visit } from '../sessions/visit.js';
import { cartView, type CartView } from '../cart/cart-view.js';
import { nav } from '../cart/cart-controllers.js';
import { money } from '../catalog/product-view.js';
import { readCheckoutForm, type CheckoutDetails } from './checkout-form.js';
import { placeOrder, SHIPPING_METHODS, type ShippingAddress } from './place-order.js';

type Context = RequestContext<StoreServices>;

/** How long a reviewed order may wait for "Place order" before it must be reviewed again. */
const REVIEW_TTL_MS = 30 * 60_000;

/** What the review step's encrypted field carries to the final post. */
interface ReviewedOrder extends CheckoutDetails {
  readonly lines: readonly { readonly productId: number; readonly quantity: number }[];
  readonly subtotalCents: number;
}

const EMPTY_ADDRESS: ShippingAddress = {
  name: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postcode: '',
  country: 'United States',
};

/** `GET /checkout`: address, shipping and card, for a cart that has something in it. */
export async function checkoutForm(context: Context) {
  const visit = await Visit.open(context);
  const cart = await cartView(context.services, visit.sessionId);
  if (cart.count === 0) return visit.redirect('/cart');
  const saved = visit.session?.data['address'] as ShippingAddress | undefined;
  return formPage(context, visit, cart, { address: saved ?? EMPTY_ADDRESS });
}

/** `POST /checkout/review`: the order to confirm, its state sealed in an encrypted field. */
export async function review(context: Context) {
  const visit = await Visit.open(context);
  const form = formParams(context.request);
  visit.checkForm(form);
  const cart = await cartView(context.services, visit.sessionId);
  if (cart.count === 0) return visit.redirect('/cart');
  const read = readCheckoutForm(form);
  if (!read.ok) return formPage(context, visit, cart, read, 400);
  if (cart.short) {
    return formPage(
      context,
      visit,
      cart,
      {
        address: read.details.address,
        error: 'Some items in your cart are short of stock. Please change them in your cart first.',
      },
      409,
    );
  }
  await visit.remember({ address: read.details.address });
  const reviewed: ReviewedOrder = {
    ...read.details,
    lines: (await context.services.carts.lines(visit.sessionId)).map(({ productId, quantity }) => ({
      productId,
      quantity,
    })),
    subtotalCents: cart.subtotalCents,
  };
  return reviewPage(context, visit, cart, reviewed);
}

/**
 * `POST /checkout`: places the order, from the review step's sealed state, or straight from the
 * checkout form's fields (a client without the review step), with the cart as it is now.
 */
export async function placeOrderPost(context: Context) {
  const visit = await Visit.open(context);
  const form = formParams(context.request);
  visit.checkForm(form);
  const order = await orderToPlace(context, visit, form);
  if ('status' in order) return order;
  const { database, payments, carts } = context.services;
  const request = {
    ...order,
    sessionId: visit.sessionId,
    customerId: visit.customerId,
    expectedSubtotalCents: order.subtotalCents,
  };
  const outcome = await placeOrder(database, payments, request, carts);
  const cart = () => cartView(context.services, visit.sessionId);
  switch (outcome.kind) {
    case 'placed':
      visit.showCartCount(0);
      return visit.redirect(`/orders/${outcome.orderId}`);
    case 'declined':
      return formPage(
        context,
        visit,
        await cart(),
        { address: order.address, error: outcome.message },
        402,
      );
    case 'price-changed':
      return formPage(
        context,
        visit,
        await cart(),
        {
          address: order.address,
          error: `Prices changed since you reviewed your order: the items now come to ${money(outcome.subtotalCents)}. Please review it again.`,
        },
        409,
      );
    case 'out-of-stock':
    case 'unknown-product':
      return visit.page(
        'cart',
        {
          title: 'Your cart',
          nav: await nav(context),
          cart: await cart(),
          error:
            'Some items sold out or are no longer available while you were checking out. Please change them and try again.',
        },
        409,
      );
    case 'key-reused':
      return visit.page(
        'errors/client-error',
        {
          title: 'Already placed',
          status: 422,
          message:
            'This checkout was already used for a different order. Please start checkout again.',
        },
        422,
      );
  }
}

/** The order the final post asks for: opened from the sealed field, or read from the form. */
async function orderToPlace(
  context: Context,
  visit: Visit,
  form: URLSearchParams,
): Promise<ReviewedOrder | AppResponse> {
  const sealed = form.get('state');
  if (sealed !== null) {
    const opened = unseal(context.services.keys.checkout, sealed, visit.sessionId);
    if (opened.ok) return opened.payload as ReviewedOrder;
    throw new BadRequestError(
      opened.reason === 'expired'
        ? 'Your reviewed order waited too long. Please review it again.'
        : 'This order form was changed, or belongs to another session. Please review your order again.',
    );
  }
  const read = readCheckoutForm(form);
  const cart = await cartView(context.services, visit.sessionId);
  if (cart.count === 0) return visit.redirect('/cart');
  if (!read.ok) return formPage(context, visit, cart, read, 400);
  const lines = await context.services.carts.lines(visit.sessionId);
  return { ...read.details, lines, subtotalCents: cart.subtotalCents };
}

async function formPage(
  context: Context,
  visit: Visit,
  cart: CartView,
  state: { address: ShippingAddress; problems?: Readonly<Record<string, string>>; error?: string },
  status = 200,
) {
  return visit.page(
    'checkout',
    {
      title: 'Checkout',
      nav: await nav(context),
      cart,
      methods: Object.entries(SHIPPING_METHODS).map(([value, m]) => ({
        value,
        label: `${m.label} — ${money(m.cents)}`,
      })),
      problems: state.problems ?? {},
      address: state.address,
      error: state.error,
      idempotencyKey: randomUUID(),
    },
    status,
  );
}

async function reviewPage(context: Context, visit: Visit, cart: CartView, order: ReviewedOrder) {
  const shipping = SHIPPING_METHODS[order.shippingMethod];
  const state = seal(
    context.services.keys.checkout,
    order,
    visit.sessionId,
    Date.now() + REVIEW_TTL_MS,
  );
  return visit.page('checkout-review', {
    title: 'Review your order',
    nav: await nav(context),
    cart,
    address: order.address,
    shipping: { label: shipping.label, price: money(shipping.cents) },
    total: money(order.subtotalCents + shipping.cents),
    cardLast4: order.cardNumber.slice(-4),
    state,
  });
}
