import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';

/** Statements kept prepared per connection; the app issues a few dozen distinct shapes. */
const STATEMENT_CACHE_SIZE = 500;

/** Opens the embedded database: WAL so readers never wait on the writer, foreign keys enforced. */
export function sqliteDialect(file: string): { dialect: Dialect; raw: BetterSqlite3.Database } {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commits.
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('cache_size = -65536');
  const statements = new Map<string, BetterSqlite3.Statement>();
  const database = {
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = raw.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      raw.close();
    },
  };
  return { dialect: new ImmediateSqliteDialect({ database }), raw };
}

/**
 * SQLite with write transactions that take the write lock when they begin (`BEGIN IMMEDIATE`).
 * Kysely's plain `BEGIN` is deferred: a transaction that reads and then writes, while another
 * process (app servers share the file) commits, fails at once with SQLITE_BUSY instead of waiting
 * in the busy handler. Taking the lock first makes it wait its turn instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
