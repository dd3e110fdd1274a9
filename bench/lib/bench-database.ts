import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate, openDatabase, seedCatalog } from '../../src/db/index.js';

/** Where benchmarks create their PostgreSQL databases; override with YULETIDE_BENCH_PG_URL. */
export const BENCH_PG_ADMIN_URL =
  process.env['YULETIDE_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A seeded database for a benchmark, and how to remove it. */
export interface BenchDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/** A fresh database of `dialect` holding a generated catalog of `products` products. */
export async function seededDatabase(
  dialect: 'sqlite' | 'postgres',
  products: number,
): Promise<BenchDatabase> {
  let url: string;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-bench-'));
    url = `sqlite:${path.join(dir, 'bench.db')}`;
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `yuletide_bench_${process.pid}_${Date.now()}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    url = BENCH_PG_ADMIN_URL.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
    cleanup = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const database = openDatabase(url);
  await migrate(database);
  await seedCatalog(database, { products, seed: 2000 });
  await database.close();
  return { url, drop: cleanup };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: BENCH_PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
