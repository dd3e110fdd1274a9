import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../database.js';
import type { ChangeFeedTable, Schema } from '../schema.js';

/** One change: something named `key` of kind `topic` reached `version`. */
export interface Change {
  readonly id: number;
  readonly topic: string;
  readonly key: string;
  readonly version: number;
  readonly createdAt: number;
}

/** A change as appended: the feed gives it its id and time. */
export type NewChange = Pick<Change, 'topic' | 'key' | 'version'>;

/** The PostgreSQL channel that wakes readers after a commit that appended changes. */
export const CHANGE_CHANNEL = 'yuletide_changes';

/**
 * Appends a change inside the caller's transaction `trx`, so the change and its announcement
 * commit together or not at all (the outbox pattern): no invalidation is ever lost.
 */
export async function appendChange(
  trx: Kysely<Schema>,
  dialect: Database['dialect'],
  change: NewChange,
): Promise<void> {
  await appendChanges(trx, dialect, [change]);
}

/** Appends several changes in one statement and one announcement (see `appendChange`). */
export async function appendChanges(
  trx: Kysely<Schema>,
  dialect: Database['dialect'],
  changes: readonly NewChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const now = Date.now();
  const rows = changes.map((change) => ({ ...change, created_at: now }));
  if (dialect !== 'postgres') {
    await trx.insertInto('change_feed').values(rows).execute();
    return;
  }
  // One round trip: the insert as a data-modifying WITH runs whether or not it is read. NOTIFY
  // inside a transaction is delivered at commit, and dropped on rollback.
  await trx
    .with('appended', (db) => db.insertInto('change_feed').values(rows))
    .selectNoFrom(sql`pg_notify(${CHANGE_CHANNEL}, '')`.as('notified'))
    .execute();
}

/** The id of the newest change, 0 when there is none: where a new reader starts. */
export async function latestChangeId(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('change_feed')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Changes after `afterId`, oldest first, at most `limit`. */
export async function changesAfter(
  database: Database,
  afterId: number,
  limit: number,
): Promise<Change[]> {
  const rows = await database.db
    .selectFrom('change_feed')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toChange);
}

/** The changes with these ids that exist now. */
export async function changesIn(database: Database, ids: readonly number[]): Promise<Change[]> {
  if (ids.length === 0) return [];
  const rows = await database.db
    .selectFrom('change_feed')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
  return rows.map(toChange);
}

/** Deletes changes older than `olderThanMs` ago; readers further behind than that rebuild instead. */
export async function pruneChanges(database: Database, olderThanMs: number): Promise<number> {
  const result = await database.db
    .deleteFrom('change_feed')
    .where('created_at', '<', Date.now() - olderThanMs)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

function toChange(row: Selectable<ChangeFeedTable>): Change {
  return {
    id: row.id,
    topic: row.topic,
    key: row.key,
    version: row.version,
    createdAt: row.created_at,
  };
}
