import type { Database } from '../../db/index.js';
import type { ObjectCache } from '../../framework/index.js';

/** Server-side session data, keyed by the id in the proxy's signed session cookie. */
export interface Session {
  readonly id: string;
  readonly customerId: number | null;
  readonly data: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface SessionTimeouts {
  /** A session unused this long is over. */
  readonly idleMs: number;
  /** A session this old is over however busy it is. */
  readonly absoluteMs: number;
}

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = {
  idleMs: 30 * 60_000,
  absoluteMs: 7 * 24 * 3600_000,
};

/** Writes of `updatedAt` alone are skipped when the last one is this recent (idle timeout granularity). */
const TOUCH_EVERY_MS = 60_000;

/**
 * Sessions in the database and the object cache (written to both, the database first), so a
 * session survives its app server. Idle and absolute timeouts are enforced on every read;
 * `rotate` gives a session a new id (at login, against fixation); `end` ends it on the server.
 */
export class SessionStore {
  readonly #database: Database;
  readonly #cache: ObjectCache;
  readonly #timeouts: SessionTimeouts;

  constructor(database: Database, cache: ObjectCache, timeouts = DEFAULT_SESSION_TIMEOUTS) {
    this.#database = database;
    this.#cache = cache;
    this.#timeouts = timeouts;
  }

  /** The live session with this id, or undefined (absent, ended or timed out). */
  async load(id: string, now = Date.now()): Promise<Session | undefined> {
    const hit = this.#cache.get(key(id), now);
    let session = hit?.entry.value as Session | undefined;
    if (!hit) {
      const row = await this.#database.db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      session = row && {
        id: row.id,
        customerId: row.customer_id,
        data: JSON.parse(row.data) as Record<string, unknown>,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    }
    if (!session || this.#expired(session, now)) return undefined;
    if (!hit) this.#remember(session);
    if (now - session.updatedAt > TOUCH_EVERY_MS) return this.save({ ...session, updatedAt: now });
    return session;
  }

  /** Writes a session (new or changed) to the database, then the cache. */
  async save(session: Session): Promise<Session> {
    const row = {
      id: session.id,
      customer_id: session.customerId,
      data: JSON.stringify(session.data),
      created_at: session.createdAt,
      updated_at: session.updatedAt,
      expires_at: Math.min(
        session.updatedAt + this.#timeouts.idleMs,
        session.createdAt + this.#timeouts.absoluteMs,
      ),
    };
    await this.#database.db
      .insertInto('sessions')
      .values(row)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          customer_id: row.customer_id,
          data: row.data,
          updated_at: row.updated_at,
          expires_at: row.expires_at,
        }),
      )
      .execute();
    this.#remember(session);
    return session;
  }

  /** A fresh session with this id. */
  create(id: string, now = Date.now()): Promise<Session> {
    return this.save({ id, customerId: null, data: {}, createdAt: now, updatedAt: now });
  }

  /** Moves a session to `newId` (logging in): the old id stops working at once. */
  async rotate(
    session: Session,
    newId: string,
    customerId: number | null,
    now = Date.now(),
  ): Promise<Session> {
    const next = await this.save({
      ...session,
      id: newId,
      customerId,
      createdAt: now,
      updatedAt: now,
    });
    await this.end(session.id);
    return next;
  }

  /** Ends a session on the server (logging out); its cookie is worthless afterwards. */
  async end(id: string): Promise<void> {
    await this.#database.db.deleteFrom('sessions').where('id', '=', id).execute();
    this.#cache.delete(key(id));
  }

  #expired(session: Session, now: number): boolean {
    return (
      now - session.updatedAt > this.#timeouts.idleMs ||
      now - session.createdAt > this.#timeouts.absoluteMs
    );
  }

  #remember(session: Session): void {
    // Cached no longer than the session could stay idle; the database stays the authority.
    this.#cache.set(key(session.id), {
      value: session,
      version: session.updatedAt,
      expiresAt: session.updatedAt + this.#timeouts.idleMs,
    });
  }
}

function key(id: string): string {
  return `session:${id}`;
}
