import type { Database } from '../database.js';

export interface SeedOptions {
  /** How many products to generate. */
  readonly products: number;
  /** The same seed always yields the same catalog. */
  readonly seed: number;
  /** Called as products are written, for a progress bar. */
  readonly onProgress?: (written: number, total: number) => void;
}

export interface SeedReport {
  readonly sections: number;
  readonly categories: number;
  readonly brands: number;
  readonly products: number;
  readonly millis: number;
}

/** Fills an empty, migrated database with a generated catalog. (Placeholder until the generator lands.) */
export async function seedCatalog(_database: Database, _options: SeedOptions): Promise<SeedReport> {
  throw new Error('not yet built');
}
