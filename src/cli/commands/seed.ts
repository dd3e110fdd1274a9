import { ConfigError, type Config } from '../../shared/index.js';
import { isEmpty, migrate, openDatabase, seedCatalog, type Database } from '../../db/index.js';
import { ProgressBar } from '../progress-bar.js';

/** `yuletide seed`: migrates, then generates the catalog into an empty database. */
export async function runSeed(
  config: Config,
  options: { products: string; seed: string },
): Promise<void> {
  const products = count('--products', options.products);
  const seed = count('--seed', options.seed);
  const database = openDatabase(config.databaseUrl);
  try {
    await migrate(database);
    await seedWithProgress(database, products, seed);
  } finally {
    await database.close();
  }
}

/** Seeds with a progress bar on stderr and a summary line on stdout. */
export async function seedWithProgress(
  database: Database,
  products: number,
  seed: number,
): Promise<void> {
  if (!(await isEmpty(database))) {
    console.error(
      `yuletide: ${database.location} already has products; seed only fills an empty database`,
    );
    process.exitCode = 1;
    return;
  }
  const bar = new ProgressBar({ label: 'seeding', total: products });
  const report = await seedCatalog(database, {
    products,
    seed,
    onProgress: (done) => bar.update(done),
  });
  bar.finish();
  console.log(
    `seeded ${report.products} products, ${report.categories} categories, ${report.brands} brands in ${(report.millis / 1000).toFixed(1)} s`,
  );
}

function count(flag: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${flag} must be a whole number (got '${raw}')`);
  return Number(raw);
}
