import { sql, type Kysely } from 'kysely';
import { appendChange, type Database, type NewChange, type Schema } from '../../db/index.js';
import { ModelInputError, type ObjectCache } from '../../framework/index.js';

/** One line of a cart. */
export interface CartLine {
  readonly productId: number;
  readonly quantity: number;
}

/** Most of one product a cart may hold. */
export const MAX_QUANTITY = 99;
/** How long a cart stays in this host's cache; the database always has it. */
const CART_TTL_MS = 30 * 60_000;
/** The change-feed topic that tells other processes a session's cart changed. */
export const CART_TOPIC = 'cart';

/**
 * Shopping carts, keyed by session. Every change is written to the database and then the cache
 * before the caller answers (the paper's double write), so a dead app server loses no cart: the
 * next server reads it back from the database. Each change is also announced on the change feed,
 * so a server that cached the cart before its session moved away drops its copy (`forget`).
 */
export class Carts {
  readonly #database: Database;
  readonly #cache: ObjectCache;

  constructor(database: Database, cache: ObjectCache) {
    this.#database = database;
    this.#cache = cache;
  }

  async lines(sessionId: string): Promise<CartLine[]> {
    const now = Date.now();
    const hit = this.#cache.get(key(sessionId), now);
    if (hit) return hit.entry.value as CartLine[];
    const lines = await this.#read(this.#database.db, sessionId);
    this.#cache.set(key(sessionId), { value: lines, version: now, expiresAt: now + CART_TTL_MS });
    return lines;
  }

  /** Adds `quantity` of a product (capped at MAX_QUANTITY in all). */
  async add(sessionId: string, productId: number, quantity: number): Promise<CartLine[]> {
    checkLine(productId, quantity, 1);
    return this.#change(sessionId, async (trx, cartId, now) => {
      const total = sql<number>`cart_lines.quantity + excluded.quantity`;
      await trx
        .insertInto('cart_lines')
        .values({ cart_id: cartId, product_id: productId, quantity, added_at: now })
        .onConflict((oc) =>
          oc.columns(['cart_id', 'product_id']).doUpdateSet({
            quantity: sql`case when ${total} > ${MAX_QUANTITY} then ${MAX_QUANTITY} else ${total} end`,
          }),
        )
        .execute();
    });
  }

  /** Sets a line's quantity; 0 removes it. */
  async setQuantity(sessionId: string, productId: number, quantity: number): Promise<CartLine[]> {
    checkLine(productId, quantity, 0);
    return this.#change(sessionId, async (trx, cartId) => {
      if (quantity === 0)
        await trx
          .deleteFrom('cart_lines')
          .where('cart_id', '=', cartId)
          .where('product_id', '=', productId)
          .execute();
      else
        await trx
          .updateTable('cart_lines')
          .set({ quantity })
          .where('cart_id', '=', cartId)
          .where('product_id', '=', productId)
          .execute();
    });
  }

  /** Moves a session's cart to a new session id (at login), merging into one the new session has. */
  async move(fromSessionId: string, toSessionId: string, customerId: number | null): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('carts')
        .set({ session_id: toSessionId, customer_id: customerId, updated_at: Date.now() })
        .where('session_id', '=', fromSessionId)
        .execute();
    });
    this.#cache.delete(key(fromSessionId));
    this.#cache.delete(key(toSessionId));
  }

  /**
   * Empties a session's cart inside `trx` (the transaction that places its order); resolves to the
   * change for the caller to append. Call `emptied` once `trx` has committed.
   */
  async emptyWithin(trx: Kysely<Schema>, sessionId: string, now: number): Promise<NewChange> {
    await trx
      .deleteFrom('cart_lines')
      .where('cart_id', 'in', (eb) =>
        eb.selectFrom('carts').select('id').where('session_id', '=', sessionId),
      )
      .execute();
    return { topic: CART_TOPIC, key: sessionId, version: now };
  }

  /** Records in this process's cache that `emptyWithin` committed. */
  emptied(sessionId: string, now: number): void {
    this.#cache.set(key(sessionId), { value: [], version: now, expiresAt: now + CART_TTL_MS });
  }

  /** Drops this process's cached cart of a session if it is older than `version` (a change-feed event). */
  forget(sessionId: string, version: number): void {
    const hit = this.#cache.get(key(sessionId), () => true);
    if (hit && hit.entry.version < version) this.#cache.delete(key(sessionId));
  }

  async #change(
    sessionId: string,
    apply: (trx: Kysely<Schema>, cartId: number, now: number) => Promise<void>,
  ): Promise<CartLine[]> {
    const now = Date.now();
    const lines = await this.#database.db.transaction().execute(async (trx) => {
      const cartId = await this.#touchCart(trx, sessionId, now);
      await apply(trx, cartId, now);
      await appendChange(trx, this.#database.dialect, {
        topic: CART_TOPIC,
        key: sessionId,
        version: now,
      });
      return this.#read(trx, sessionId);
    });
    this.#cache.set(key(sessionId), { value: lines, version: now, expiresAt: now + CART_TTL_MS });
    return lines;
  }

  /** The id of the session's cart, created if it has none, its `updated_at` set to `now`. */
  async #touchCart(trx: Kysely<Schema>, sessionId: string, now: number): Promise<number> {
    const cart = await trx
      .insertInto('carts')
      .values({ session_id: sessionId, customer_id: null, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('session_id').doUpdateSet({ updated_at: now }))
      .returning('id')
      .executeTakeFirstOrThrow();
    return cart.id;
  }

  async #read(db: Kysely<Schema>, sessionId: string): Promise<CartLine[]> {
    const rows = await db
      .selectFrom('cart_lines as l')
      .innerJoin('carts as c', 'c.id', 'l.cart_id')
      .select(['l.product_id', 'l.quantity'])
      .where('c.session_id', '=', sessionId)
      .orderBy('l.added_at')
      .orderBy('l.product_id')
      .execute();
    return rows.map((row) => ({ productId: row.product_id, quantity: row.quantity }));
  }
}

function key(sessionId: string): string {
  return `cart:${sessionId}`;
}

function checkLine(productId: number, quantity: number, min: number): void {
  if (!Number.isSafeInteger(productId) || productId <= 0)
    throw new ModelInputError('product ids are positive integers');
  if (!Number.isSafeInteger(quantity) || quantity < min || quantity > MAX_QUANTITY) {
    throw new ModelInputError(`quantity must be a whole number from ${min} to ${MAX_QUANTITY}`);
  }
}
