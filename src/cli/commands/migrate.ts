import type { Config } from '../../shared/index.js';
import { migrate, openDatabase } from '../../db/index.js';

/** `yuletide migrate`. */
export async function runMigrate(config: Config): Promise<void> {
  const database = openDatabase(config.databaseUrl);
  try {
    await migrate(database);
    console.log(`migrated ${database.location}`);
  } finally {
    await database.close();
  }
}
