import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openDatabase, seedCatalog, type Database } from '../../db/index.js';
import { catalogRows, loadTaxonomy } from '../catalog-source.js';
import type { CatalogRow, SearchRequest, SearchResult, SearchTaxonomy } from '../engine/index.js';

/** The fixed catalog the relevance tests run on: generated, so expectations are computed, not typed in. */
export const FIXTURE_PRODUCTS = 5000;
export const FIXTURE_SEED = 2000;

/** A seeded SQLite catalog in a temporary folder, with its rows for computing expectations. */
export interface SeededCatalog {
  readonly database: Database;
  readonly url: string;
  readonly dir: string;
  readonly rows: readonly CatalogRow[];
  readonly taxonomy: SearchTaxonomy;
  drop(): Promise<void>;
}

export async function seededCatalog(products = FIXTURE_PRODUCTS): Promise<SeededCatalog> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-search-'));
  const url = `sqlite:${path.join(dir, 'catalog.db')}`;
  const database = openDatabase(url);
  await migrate(database);
  await seedCatalog(database, { products, seed: FIXTURE_SEED });
  return filled(database, url, dir, async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

/** The rows and taxonomy of an already filled database. */
export async function filled(
  database: Database,
  url: string,
  dir: string,
  drop: () => Promise<void>,
): Promise<SeededCatalog> {
  const rows: CatalogRow[] = [];
  for await (const batch of catalogRows(database)) rows.push(...batch);
  return { database, url, dir, rows, taxonomy: await loadTaxonomy(database), drop };
}

/** Every result of a search, all pages, in order. */
export function allIds(
  search: (request: SearchRequest) => SearchResult,
  request: SearchRequest,
): number[] {
  const ids: number[] = [];
  for (let page = 1; page <= 100; page++) {
    const result = search({ ...request, page, perPage: 100 });
    ids.push(...result.ids);
    if (ids.length >= result.total || result.ids.length === 0) break;
  }
  return ids;
}
