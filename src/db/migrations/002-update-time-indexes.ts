import type { Kysely } from 'kysely';

/** Indexes on update times, so app servers can ask every second which products changed. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('products_updated_at').on('products').column('updated_at').execute();
  await db.schema
    .createIndex('inventory_updated_at')
    .on('inventory')
    .column('updated_at')
    .execute();
}
