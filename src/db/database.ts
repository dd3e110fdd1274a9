import { Kysely, Migrator, sql, type LogEvent, type MigrationProvider } from 'kysely';
import pg from 'pg';
import type { Schema } from './schema.js';
import type { DialectName } from './dialects/dialect-name.js';
import { sqliteDialect } from './dialects/sqlite.js';
import { postgresDialect } from './dialects/postgres.js';
import { MIGRATIONS } from './migrations/index.js';
import { DatabaseError } from './errors.js';

/** An open database: the Kysely query layer, which dialect it speaks, and how to close it. */
export interface Database {
  readonly db: Kysely<Schema>;
  readonly dialect: DialectName;
  /** Where it lives, without credentials, for logs and status pages. */
  readonly location: string;
  /**
   * PostgreSQL only: a dedicated connection LISTENing on `channel`, calling `onNotify` for each
   * NOTIFY; resolves to a function that stops listening. SQLite has no notifications (undefined).
   */
  readonly listen:
    ((channel: string, onNotify: () => void) => Promise<() => Promise<void>>) | undefined;
  /** Connections open, idle and awaited now, and the most allowed (SQLite: one, never awaited). */
  connections(): { open: number; idle: number; waiting: number; max: number };
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL pool size; SQLite has one connection per process. */
  readonly maxConnections?: number;
  /** Called for every statement Kysely runs (not BEGIN/COMMIT), e.g. to count queries per request. */
  readonly onQuery?: () => void;
}

/** Opens `sqlite:<file>` or `postgres://…`. Call `migrate()` before first use of a new database. */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length) || ':memory:';
    const { dialect } = sqliteDialect(file);
    const db = new Kysely<Schema>({ dialect, ...logOption(options) });
    return {
      db,
      dialect: 'sqlite',
      location: file,
      listen: undefined,
      connections: () => ({ open: 1, idle: 1, waiting: 0, max: 1 }),
      close: () => db.destroy(),
    };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const max = options.maxConnections ?? 10;
    const { dialect, pool } = postgresDialect(url, max);
    const db = new Kysely<Schema>({ dialect, ...logOption(options) });
    const location = url.replace(/\/\/[^@/]*@/, '//');
    const listen = async (channel: string, onNotify: () => void) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', onNotify);
      // A dropped listening connection must not crash the process; readers also poll.
      client.on('error', () => undefined);
      await client.query(`LISTEN ${pgIdentifier(channel)}`);
      return () => client.end();
    };
    const connections = () => ({
      open: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max,
    });
    return { db, dialect: 'postgres', location, listen, connections, close: () => db.destroy() };
  }
  throw new DatabaseError(`unsupported database URL '${url}': use sqlite:<file> or postgres://…`);
}

function logOption(options: OpenOptions): { log?: (event: LogEvent) => void } {
  const onQuery = options.onQuery;
  if (!onQuery) return {};
  return {
    log: (event) => {
      if (event.level === 'query') onQuery();
    },
  };
}

/** Applies every pending migration; safe to run from several processes at once. */
export async function migrate(database: Database): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(
        MIGRATIONS.map((m) => [
          m.name,
          { up: (db: Kysely<unknown>) => m.up(db, database.dialect) },
        ]),
      ),
  };
  const { error } = await new Migrator({ db: database.db, provider }).migrateToLatest();
  if (error) throw new DatabaseError('migration failed', { cause: error });
}

/** True when the catalog has no products yet (a fresh database wants seeding). */
export async function isEmpty(database: Database): Promise<boolean> {
  const row = await database.db
    .selectFrom('products')
    .select(sql<number>`1`.as('one'))
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

function pgIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new DatabaseError(`bad channel name '${name}'`);
  return name;
}
