import type { Database } from '../../db/index.js';
import type { ShippingAddress } from '../checkout/place-order.js';
import { canMove, type OrderStatus } from './order-status.js';

/** An order as its pages show it. */
export interface Order {
  readonly id: number;
  readonly customerId: number | null;
  readonly sessionId: string | null;
  readonly status: OrderStatus;
  readonly subtotalCents: number;
  readonly shippingCents: number;
  readonly totalCents: number;
  readonly shippingMethod: string;
  readonly address: ShippingAddress;
  readonly createdAt: number;
  readonly lines: readonly {
    readonly productId: number;
    readonly title: string;
    readonly quantity: number;
    readonly unitPriceCents: number;
  }[];
  /** The last four digits of the card paid with, when a payment was recorded. */
  readonly cardLast4: string | undefined;
}

/** An order's summary line in a customer's history. */
export interface OrderSummary {
  readonly id: number;
  readonly status: OrderStatus;
  readonly totalCents: number;
  readonly createdAt: number;
}

/** Where moving an order came to: moved, or refused by the transition table (or a concurrent move). */
export type MoveOutcome =
  | { readonly kind: 'moved' }
  | { readonly kind: 'not-allowed'; readonly from: OrderStatus }
  | { readonly kind: 'not-found' };

/** Orders after they are placed: reading them back and moving them through their statuses. */
export class Orders {
  readonly #database: Database;

  constructor(database: Database) {
    this.#database = database;
  }

  async byId(id: number): Promise<Order | undefined> {
    const db = this.#database.db;
    const [row, lines] = await Promise.all([
      db
        .selectFrom('orders')
        .selectAll()
        .select((eb) =>
          eb
            .selectFrom('payments')
            .select('card_last4')
            .whereRef('payments.order_id', '=', 'orders.id')
            .orderBy('payments.id', 'desc')
            .limit(1)
            .as('card_last4'),
        )
        .where('id', '=', id)
        .executeTakeFirst(),
      db
        .selectFrom('order_lines')
        .select(['product_id', 'title', 'quantity', 'unit_price_cents'])
        .where('order_id', '=', id)
        .orderBy('line_no')
        .execute(),
    ]);
    if (!row) return undefined;
    return {
      id: row.id,
      customerId: row.customer_id,
      sessionId: row.session_id,
      status: row.status as OrderStatus,
      subtotalCents: row.subtotal_cents,
      shippingCents: row.shipping_cents,
      totalCents: row.total_cents,
      shippingMethod: row.shipping_method,
      address: JSON.parse(row.address) as ShippingAddress,
      createdAt: row.created_at,
      lines: lines.map((line) => ({
        productId: line.product_id,
        title: line.title,
        quantity: line.quantity,
        unitPriceCents: line.unit_price_cents,
      })),
      cardLast4: row.card_last4 ?? undefined,
    };
  }

  /** A customer's orders, newest first. */
  async forCustomer(customerId: number, limit = 50): Promise<OrderSummary[]> {
    const rows = await this.#database.db
      .selectFrom('orders')
      .select(['id', 'status', 'total_cents', 'created_at'])
      .where('customer_id', '=', customerId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      status: row.status as OrderStatus,
      totalCents: row.total_cents,
      createdAt: row.created_at,
    }));
  }

  /**
   * Moves an order to `to` if the transition table allows it from its current status. The update
   * is conditional on that status, so two concurrent moves cannot both succeed.
   */
  async move(id: number, to: OrderStatus): Promise<MoveOutcome> {
    const row = await this.#database.db
      .selectFrom('orders')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return { kind: 'not-found' };
    const from = row.status as OrderStatus;
    if (!canMove(from, to)) return { kind: 'not-allowed', from };
    const result = await this.#database.db
      .updateTable('orders')
      .set({ status: to, updated_at: Date.now() })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? { kind: 'moved' } : this.move(id, to);
  }
}
