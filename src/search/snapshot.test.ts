import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { appendChange } from '../db/index.js';
import { SearchEngine } from './engine/index.js';
import { buildFromDatabase } from './catalog-source.js';
import { loadOrBuild } from './index-loader.js';
import { readSnapshot, writeSnapshot } from './snapshot.js';
import { SnapshotError } from './errors.js';
import { seededCatalog, type SeededCatalog } from './testing/search-fixture.js';

describe('search snapshots', () => {
  let catalog: SeededCatalog;
  let file: string;

  before(async () => {
    catalog = await seededCatalog(500);
    file = path.join(catalog.dir, 'search', 'index.snapshot');
  });
  after(() => catalog.drop());

  it('reads back exactly the index written', async () => {
    const index = await buildFromDatabase(catalog.database, 7);
    await writeSnapshot(file, index, catalog.database.location);
    const { index: read, database } = readSnapshot(file);
    assert.equal(database, catalog.database.location);
    assert.deepEqual(read.meta, index.meta);
    assert.deepEqual(Buffer.from(read.buffer), Buffer.from(index.buffer));
    const query = { q: 'book', sort: 'price-asc' as const };
    assert.deepEqual(new SearchEngine(read).search(query), new SearchEngine(index).search(query));
    const paced = `${file}.paced`;
    await writeSnapshot(paced, index, catalog.database.location, { bytesPerSecond: 1e9 });
    assert.deepEqual(fs.readFileSync(paced), fs.readFileSync(file), 'paced, the same bytes');
    fs.rmSync(paced);
  });

  it('builds the same index when the build rests between pages of rows', async () => {
    const plain = await buildFromDatabase(catalog.database, 7);
    const rested = await buildFromDatabase(catalog.database, 7, { restShare: 1 });
    assert.deepEqual(Buffer.from(rested.buffer), Buffer.from(plain.buffer));
  });

  it('refuses a snapshot with a flipped byte, a cut tail or no header', () => {
    const good = fs.readFileSync(file);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 100]! ^= 0xff;
    const cases: [string, Buffer][] = [
      ['flipped', flipped],
      ['cut', good.subarray(0, good.length - 10)],
      ['garbage', Buffer.from('not a snapshot at all')],
      ['empty', Buffer.alloc(0)],
    ];
    for (const [name, bytes] of cases) {
      const broken = path.join(catalog.dir, `${name}.snapshot`);
      fs.writeFileSync(broken, bytes);
      assert.throws(() => readSnapshot(broken), SnapshotError, name);
    }
    assert.throws(() => readSnapshot(path.join(catalog.dir, 'missing.snapshot')), SnapshotError);
  });

  it('ignores a corrupt snapshot, rebuilds from the database and writes a good one', async () => {
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    const rebuilt = await loadOrBuild(catalog.database, { snapshot: file, useSnapshot: true });
    assert.equal(rebuilt.source, 'database');
    assert.match(rebuilt.snapshotSkipped ?? '', /checksum/);
    const again = await loadOrBuild(catalog.database, { snapshot: file, useSnapshot: true });
    assert.equal(again.source, 'snapshot');
    assert.equal(again.index.meta.docs, 500);
  });

  it('rebuilds when the catalog no longer matches the snapshot', async () => {
    const { db, dialect } = catalog.database;
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('inventory').where('product_id', '=', 500).execute();
      await trx.deleteFrom('products').where('id', '=', 500).execute();
      await appendChange(trx, dialect, { topic: 'product', key: '500', version: Date.now() });
    });
    const loaded = await loadOrBuild(catalog.database, { snapshot: file, useSnapshot: true });
    assert.equal(loaded.source, 'database');
    assert.match(loaded.snapshotSkipped ?? '', /changed size/);
    assert.equal(loaded.index.meta.docs, 499);
    assert.equal(loaded.index.meta.position, 1, 'the build records the change feed position');
  });
});
