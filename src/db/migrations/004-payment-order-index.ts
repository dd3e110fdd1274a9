import type { Kysely } from 'kysely';

/**
 * The order page reads an order's payment by `order_id`, which had no index: every order page
 * read the whole payments table (1.1 ms at 25,000 payments on SQLite, a third of the app tier's
 * database time under the load test, and growing with every order). With `id` after it, the
 * index also gives the newest payment first without a sort.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('payments_order')
    .on('payments')
    .columns(['order_id', 'id'])
    .execute();
}
