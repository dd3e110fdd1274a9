import type { Kysely } from 'kysely';

/**
 * A customer's order history (`where customer_id = ? order by id desc limit 50`) had an index on
 * `customer_id` alone, and PostgreSQL preferred to walk the primary key backwards, filtering on
 * the customer, until it had 50 rows: the whole table for a customer with few orders (23 ms at
 * 89,000 orders, growing with every order). With `id` after it the index gives a customer's
 * newest orders first and the old index is a prefix of it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('orders_customer_recent')
    .on('orders')
    .columns(['customer_id', 'id'])
    .execute();
  await db.schema.dropIndex('orders_customer').execute();
}
