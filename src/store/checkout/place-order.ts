import { createHash } from 'node:crypto';
import { appendChanges, isUniqueViolation, type Database } from '../../db/index.js';
import type { Carts } from '../cart/carts.js';
import { availability } from '../catalog/product-record.js';
import { lastFour, type PaymentGateway } from './payment-gateway.js';

export interface ShippingAddress {
  readonly name: string;
  readonly line1: string;
  readonly line2: string;
  readonly city: string;
  readonly region: string;
  readonly postcode: string;
  readonly country: string;
}

/** Shipping methods and what they cost. */
export const SHIPPING_METHODS = {
  standard: { label: 'Standard (5–7 days)', cents: 599 },
  express: { label: 'Express (2 days)', cents: 1499 },
} as const;
export type ShippingMethod = keyof typeof SHIPPING_METHODS;

/** Everything placing an order needs; prices and stock are read again inside the transaction. */
export interface OrderRequest {
  readonly sessionId: string;
  readonly customerId: number | null;
  readonly lines: readonly { readonly productId: number; readonly quantity: number }[];
  readonly address: ShippingAddress;
  readonly shippingMethod: ShippingMethod;
  readonly cardNumber: string;
  /** One per checkout attempt; the same key always gets the same answer. */
  readonly idempotencyKey: string;
  /** The subtotal the customer reviewed; the order is refused if today's prices make another. */
  readonly expectedSubtotalCents?: number | undefined;
}

/** What placing an order came to: expected business outcomes, each for the caller to handle. */
export type OrderOutcome =
  | { readonly kind: 'placed'; readonly orderId: number; readonly totalCents: number }
  | { readonly kind: 'out-of-stock'; readonly productIds: readonly number[] }
  | { readonly kind: 'unknown-product'; readonly productIds: readonly number[] }
  | { readonly kind: 'declined'; readonly message: string }
  /** Prices changed since the customer reviewed the order. */
  | { readonly kind: 'price-changed'; readonly subtotalCents: number }
  /** The key was used before for a different request (HTTP 422). */
  | { readonly kind: 'key-reused' };

/** Thrown inside the transaction to roll it back with an outcome to report. */
class Abort {
  readonly outcome: OrderOutcome;
  constructor(outcome: OrderOutcome) {
    this.outcome = outcome;
  }
}

/**
 * Places an order in one transaction: claims the idempotency key, re-reads prices, decrements
 * inventory with a conditional update that can never go below zero, authorises the payment,
 * creates the order, its lines and the payment's record, empties the session's cart in `carts`
 * (when given), appends change-feed rows for it and for every product whose stock changed as
 * pages show it (`availability`), and stores the answer under the key. A repeat of the key gets
 * the stored answer; the same key with a different request gets `key-reused`.
 */
export async function placeOrder(
  database: Database,
  gateway: PaymentGateway,
  request: OrderRequest,
  carts?: Carts,
): Promise<OrderOutcome> {
  const requestHash = hashRequest(request);
  const now = Date.now();
  try {
    const outcome = await database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('idempotency_keys')
        .values({
          key: request.idempotencyKey,
          session_id: request.sessionId,
          request_hash: requestHash,
          status_code: 0,
          response: '',
          created_at: now,
        })
        .execute();
      const ids = request.lines.map((line) => line.productId);
      const products = await trx
        .selectFrom('products')
        .select(['id', 'title', 'price_cents'])
        .where('id', 'in', ids)
        .execute();
      const byId = new Map(products.map((p) => [p.id, p]));
      const unknown = ids.filter((id) => !byId.has(id));
      if (unknown.length > 0) throw new Abort({ kind: 'unknown-product', productIds: unknown });
      const short: number[] = [];
      const shownChanged = new Set<number>();
      for (const line of request.lines) {
        const taken = await trx
          .updateTable('inventory')
          .set((eb) => ({ on_hand: eb('on_hand', '-', line.quantity), updated_at: now }))
          .where('product_id', '=', line.productId)
          .where((eb) => eb(eb('on_hand', '-', eb.ref('reserved')), '>=', line.quantity))
          .returning(['on_hand', 'reserved'])
          .executeTakeFirst();
        if (!taken) short.push(line.productId);
        else if (stockShownChanged(taken.on_hand - taken.reserved, line.quantity))
          shownChanged.add(line.productId);
      }
      if (short.length > 0) throw new Abort({ kind: 'out-of-stock', productIds: short });
      const subtotal = request.lines.reduce(
        (sum, line) => sum + byId.get(line.productId)!.price_cents * line.quantity,
        0,
      );
      if (
        request.expectedSubtotalCents !== undefined &&
        request.expectedSubtotalCents !== subtotal
      ) {
        throw new Abort({ kind: 'price-changed', subtotalCents: subtotal });
      }
      const shipping = SHIPPING_METHODS[request.shippingMethod].cents;
      // The test gateway answers at once; a real one would authorise here and capture after commit.
      const payment = await gateway.authorize({
        amountCents: subtotal + shipping,
        cardNumber: request.cardNumber,
        reference: request.idempotencyKey,
      });
      if (!payment.approved) throw new Abort({ kind: 'declined', message: payment.message });
      const order = await trx
        .insertInto('orders')
        .values({
          customer_id: request.customerId,
          session_id: request.sessionId,
          status: 'paid',
          subtotal_cents: subtotal,
          shipping_cents: shipping,
          total_cents: subtotal + shipping,
          shipping_method: request.shippingMethod,
          address: JSON.stringify(request.address),
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('order_lines')
        .values(
          request.lines.map((line, i) => ({
            order_id: order.id,
            line_no: i + 1,
            product_id: line.productId,
            title: byId.get(line.productId)!.title,
            quantity: line.quantity,
            unit_price_cents: byId.get(line.productId)!.price_cents,
          })),
        )
        .execute();
      await trx
        .insertInto('payments')
        .values({
          order_id: order.id,
          gateway: gateway.name,
          status: 'authorized',
          amount_cents: subtotal + shipping,
          card_last4: lastFour(request.cardNumber),
          reference: payment.reference,
          created_at: now,
        })
        .execute();
      // Only stock changes that pages show go on the feed: each purges the product's pages at the
      // proxy, and the pages that list a best-seller are many. The object caches see the rest
      // within a second by their own change sync, and checkout re-checks stock in this transaction.
      const changes = [...shownChanged].map((id) => ({
        topic: 'product',
        key: String(id),
        version: now,
      }));
      if (carts) changes.push(await carts.emptyWithin(trx, request.sessionId, now));
      await appendChanges(trx, database.dialect, changes);
      const outcome: OrderOutcome = {
        kind: 'placed',
        orderId: order.id,
        totalCents: subtotal + shipping,
      };
      await trx
        .updateTable('idempotency_keys')
        .set({ status_code: 200, response: JSON.stringify(outcome) })
        .where('key', '=', request.idempotencyKey)
        .execute();
      return outcome;
    });
    carts?.emptied(request.sessionId, now);
    return outcome;
  } catch (error) {
    if (error instanceof Abort) return error.outcome;
    if (!isUniqueViolation(error)) throw error;
    return previousAnswer(database, request.idempotencyKey, requestHash);
  }
}

/** Whether taking `quantity` units, leaving `left`, changed what pages say of the stock. */
function stockShownChanged(left: number, quantity: number): boolean {
  return availability(left) !== availability(left + quantity);
}

/** The stored answer for a key already used: the same one for the same request, else `key-reused`. */
async function previousAnswer(
  database: Database,
  key: string,
  requestHash: string,
): Promise<OrderOutcome> {
  const row = await database.db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response'])
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (row.request_hash !== requestHash) return { kind: 'key-reused' };
  return JSON.parse(row.response) as OrderOutcome;
}

/** A digest of what was asked for, so a reused key with a different request is told apart. */
function hashRequest(request: OrderRequest): string {
  const { lines, address, shippingMethod, cardNumber, customerId } = request;
  return createHash('sha256')
    .update(JSON.stringify({ lines, address, shippingMethod, cardNumber, customerId }))
    .digest('hex');
}
