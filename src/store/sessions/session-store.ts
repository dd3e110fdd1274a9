import { appendChange, type Database } from '../../db/index.js';
import type { ObjectCache } from '../../framework/index.js';

/** Server-side session data, keyed by the id in the proxy's signed session cookie. */
export interface Session {
  readonly id: string;
  readonly customerId: number | null;
  readonly data: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/**
 * What a session id names: a live session; nothing yet (a new visitor's id, before anything needed
 * a session); a session ended by logging out or replaced at login, whose id must never be used
 * again; or one that timed out, whose login and data are gone (the id may start afresh).
 */
export type SessionLookup =
  | { readonly state: 'live'; readonly session: Session }
  | { readonly state: 'new' }
  | { readonly state: 'ended' }
  | { readonly state: 'expired' };

/** The change-feed topic that tells every process to forget a cached session. */
export const SESSION_TOPIC = 'session';

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

  /** What `id` names now (see SessionLookup); reading a live session counts as using it. */
  async lookup(id: string, now = Date.now()): Promise<SessionLookup> {
    const hit = this.#cache.get(key(id), now);
    let session = hit?.entry.value as Session | undefined;
    if (!hit) {
      const row = await this.#database.db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return { state: 'new' };
      if (row.expires_at === ENDED) return { state: 'ended' };
      session = {
        id: row.id,
        customerId: row.customer_id,
        data: JSON.parse(row.data) as Record<string, unknown>,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    }
    if (!session) return { state: 'new' };
    if (this.#expired(session, now)) return { state: 'expired' };
    if (!hit) this.#remember(session);
    if (now - session.updatedAt > TOUCH_EVERY_MS) {
      return { state: 'live', session: await this.save({ ...session, updatedAt: now }) };
    }
    return { state: 'live', session };
  }

  /** The live session with this id, or undefined (never started, ended or timed out). */
  async load(id: string, now = Date.now()): Promise<Session | undefined> {
    const found = await this.lookup(id, now);
    return found.state === 'live' ? found.session : undefined;
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
        // created_at too: a timed-out session started afresh under its id begins a new life.
        oc.column('id').doUpdateSet({
          customer_id: row.customer_id,
          data: row.data,
          created_at: row.created_at,
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

  /**
   * Ends a session on the server (logging out): its row is kept as a marker, so the id, whose
   * cookie is still correctly signed, is refused rather than started afresh; every process drops
   * its cached copy when the change feed says so. The marker goes when the session would have
   * timed out anyway (`pruneSessions`).
   */
  async end(id: string): Promise<void> {
    const now = Date.now();
    await this.#database.db.transaction().execute(async (trx) => {
      const marker = { customer_id: null, data: '{}', updated_at: now, expires_at: ENDED };
      await trx
        .insertInto('sessions')
        .values({ id, created_at: now, ...marker })
        .onConflict((oc) => oc.column('id').doUpdateSet(marker))
        .execute();
      await appendChange(trx, this.#database.dialect, {
        topic: SESSION_TOPIC,
        key: id,
        version: now,
      });
    });
    this.#cache.delete(key(id));
  }

  /** Forgets this process's cached copy of a session (a change-feed event from another process). */
  forget(id: string): void {
    this.#cache.delete(key(id));
  }

  /** Deletes sessions, and ended markers, older than the absolute timeout. Resolves to how many. */
  async prune(now = Date.now()): Promise<number> {
    const result = await this.#database.db
      .deleteFrom('sessions')
      .where('created_at', '<', now - this.#timeouts.absoluteMs)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
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

/** `expires_at` of an ended session's marker row. */
const ENDED = 0;

function key(id: string): string {
  return `session:${id}`;
}
