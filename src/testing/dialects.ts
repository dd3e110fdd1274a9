import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { openDatabase, migrate, type Database, type DialectName } from '../db/index.js';

/** Where the PostgreSQL suites connect (CI has a server here); any database, used to create others. */
const PG_ADMIN_URL =
  process.env['YULETIDE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One database a contract suite runs against. `skip` is a reason when its server is absent. */
export interface TestDialect {
  readonly name: DialectName;
  readonly skip: string | false;
  /** A new, empty, migrated database of this dialect and its URL; `drop()` removes it. */
  create(): Promise<{ database: Database; url: string; drop(): Promise<void> }>;
}

let pgAvailable: Promise<string | false> | undefined;

/** Resolves to false when PostgreSQL answers, else to a one-line reason; in CI its absence is an error. */
function postgresSkipReason(): Promise<string | false> {
  pgAvailable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return false;
    } catch (error) {
      if (process.env['CI'])
        throw new Error(`PostgreSQL is required in CI at ${PG_ADMIN_URL}`, { cause: error });
      const reason = `PostgreSQL suite skipped: no server at ${PG_ADMIN_URL}`;
      console.log(`# ${reason}`);
      return reason;
    }
  })();
  return pgAvailable;
}

async function createSqlite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-test-'));
  const url = `sqlite:${path.join(dir, 'test.db')}`;
  const database = openDatabase(url);
  await migrate(database);
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres() {
  const name = `yuletide_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  const database = openDatabase(url, { maxConnections: 20 });
  await migrate(database);
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: PG_ADMIN_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** Every dialect a contract suite must pass on: `for (const dialect of await testDialects())`. */
export async function testDialects(): Promise<TestDialect[]> {
  return [
    { name: 'sqlite', skip: false, create: createSqlite },
    { name: 'postgres', skip: await postgresSkipReason(), create: createPostgres },
  ];
}
