import { Kysely, Migrator, sql, type MigrationProvider } from 'kysely';
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
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL pool size; SQLite has one connection per process. */
  readonly maxConnections?: number;
}

/** Opens `sqlite:<file>` or `postgres://…`. Call `migrate()` before first use of a new database. */
export function openDatabase(url: string, options: OpenOptions = {}): Database {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length) || ':memory:';
    const { dialect } = sqliteDialect(file);
    const db = new Kysely<Schema>({ dialect });
    return { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { dialect } = postgresDialect(url, options.maxConnections ?? 10);
    const db = new Kysely<Schema>({ dialect });
    const location = url.replace(/\/\/[^@/]*@/, '//');
    return { db, dialect: 'postgres', location, close: () => db.destroy() };
  }
  throw new DatabaseError(`unsupported database URL '${url}': use sqlite:<file> or postgres://…`);
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
