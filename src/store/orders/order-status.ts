/** Where an order may go from each status: placed → paid → shipped → delivered, or cancelled. */
export const ORDER_TRANSITIONS = {
  placed: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
} as const satisfies Record<string, readonly string[]>;

export type OrderStatus = keyof typeof ORDER_TRANSITIONS;

/** True when an order in status `from` may move to `to`. */
export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return (ORDER_TRANSITIONS[from] as readonly string[]).includes(to);
}

/** True when `value` names a status. */
export function isOrderStatus(value: string): value is OrderStatus {
  return Object.hasOwn(ORDER_TRANSITIONS, value);
}
