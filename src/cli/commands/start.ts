import type { Config } from '../../shared/index.js';
import { isEmpty, migrate, openDatabase } from '../../db/index.js';
import { runApp } from './app.js';
import { seedWithProgress } from './seed.js';

/** The seed used by `npm start`, so every fresh store shows the same catalog. */
const START_SEED = 2000;

/** `npm start`: creates and seeds the database when empty, then serves the store on PORT. */
export async function runStart(
  config: Config,
  root: string,
  options: { products: string },
): Promise<void> {
  const database = openDatabase(config.databaseUrl);
  try {
    await migrate(database);
    if (await isEmpty(database)) {
      console.log(
        `seeding an empty database (${database.location}) with ${options.products} products…`,
      );
      await seedWithProgress(database, Number(options.products), START_SEED);
    }
  } finally {
    await database.close();
  }
  await runApp(config, root);
  console.log(`Yuletide is ready at http://${config.host}:${config.port}/`);
}
