/** A card payment to authorise. The full number never leaves this call; only its last four are kept. */
export interface PaymentRequest {
  readonly amountCents: number;
  readonly cardNumber: string;
  /** Our reference for the payment, e.g. the idempotency key. */
  readonly reference: string;
}

/** What a gateway answered: an approval with its reference, or a decline with a message for the customer. */
export type PaymentResult =
  | { readonly approved: true; readonly reference: string }
  | { readonly approved: false; readonly message: string };

/** The seam to a card processor. */
export interface PaymentGateway {
  readonly name: string;
  authorize(request: PaymentRequest): Promise<PaymentResult>;
}

/** Card numbers the test gateway knows. */
export const TEST_CARDS = { approve: '4242424242424242', decline: '4000000000000002' } as const;

/** The built-in gateway for development and tests: 4242 4242 4242 4242 approves, 4000 0000 0000 0002 declines. */
export class TestPaymentGateway implements PaymentGateway {
  readonly name = 'test';

  async authorize(request: PaymentRequest): Promise<PaymentResult> {
    const digits = request.cardNumber.replace(/[\s-]/g, '');
    if (digits === TEST_CARDS.approve)
      return { approved: true, reference: `test_${request.reference}` };
    if (digits === TEST_CARDS.decline)
      return { approved: false, message: 'Your card was declined. Please use another card.' };
    return { approved: false, message: 'That card number is not valid.' };
  }
}

/** The last four digits of a card number, the only part ever stored. */
export function lastFour(cardNumber: string): string {
  return cardNumber.replace(/\D/g, '').slice(-4);
}
