import { SHIPPING_METHODS, type ShippingAddress, type ShippingMethod } from './place-order.js';

/** What the checkout form asks for, checked. */
export interface CheckoutDetails {
  readonly address: ShippingAddress;
  readonly shippingMethod: ShippingMethod;
  readonly cardNumber: string;
  readonly idempotencyKey: string;
}

export type CheckoutFormResult =
  | { readonly ok: true; readonly details: CheckoutDetails }
  | {
      readonly ok: false;
      /** Field name → what to fix, for the form to show beside the field. */
      readonly problems: Readonly<Record<string, string>>;
      /** What was typed, to fill the form again (never the card number). */
      readonly address: ShippingAddress;
    };

/** Address fields: their form names, and the longest value each accepts (0 minimum = optional). */
const ADDRESS_FIELDS = {
  name: { min: 1, max: 100, problem: 'Enter the name to deliver to.' },
  line1: { min: 1, max: 200, problem: 'Enter the street address.' },
  line2: { min: 0, max: 200, problem: 'Keep the second line under 200 characters.' },
  city: { min: 1, max: 100, problem: 'Enter the town or city.' },
  region: { min: 0, max: 100, problem: 'Keep the state or region under 100 characters.' },
  postcode: { min: 1, max: 20, problem: 'Enter the postcode or ZIP code.' },
  country: { min: 2, max: 60, problem: 'Enter the country.' },
} as const satisfies Record<keyof ShippingAddress, unknown>;

/** Idempotency keys the checkout page makes (a UUID), or a client's own of similar shape. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** Reads and checks the checkout form: every problem at once, each named by its field. */
export function readCheckoutForm(form: URLSearchParams): CheckoutFormResult {
  const problems: Record<string, string> = {};
  const address = Object.fromEntries(
    Object.entries(ADDRESS_FIELDS).map(([field, rule]) => {
      const value = (form.get(field) ?? '').trim();
      if (value.length < rule.min || value.length > rule.max) problems[field] = rule.problem;
      return [field, value.slice(0, rule.max)];
    }),
  ) as unknown as ShippingAddress;
  const method = form.get('shipping_method') ?? 'standard';
  if (!Object.hasOwn(SHIPPING_METHODS, method)) {
    problems['shipping_method'] = 'Choose a shipping method.';
  }
  const cardNumber = (form.get('card_number') ?? '').replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(cardNumber)) {
    problems['card_number'] = 'Enter the card number: 12 to 19 digits.';
  }
  const idempotencyKey = form.get('idempotency_key') ?? '';
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
    problems['idempotency_key'] = 'This checkout page is out of date. Please reload it.';
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems, address };
  return {
    ok: true,
    details: {
      address,
      shippingMethod: method as ShippingMethod,
      cardNumber,
      idempotencyKey,
    },
  };
}
