import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openDatabase } from '../db/index.js';
import { insertCatalogFixture } from './catalog-fixture.js';

/** An SQLite store on disk for processes to share: migrated, with the fixture catalog. */
export interface FixtureDatabase {
  /** A new temporary folder holding the database; a test may put its DATA_DIRs in it. */
  readonly dir: string;
  /** `DATABASE_URL` for the processes. */
  readonly url: string;
  /** Deletes the folder and all in it. */
  remove(): void;
}

/** Creates a FixtureDatabase in a new folder named after `name` under the system's temp folder. */
export async function fixtureDatabase(name: string): Promise<FixtureDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `yuletide-${name}-`));
  const url = `sqlite:${path.join(dir, 'store.db')}`;
  const database = openDatabase(url);
  try {
    await migrate(database);
    await insertCatalogFixture(database);
  } finally {
    await database.close();
  }
  return { dir, url, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
