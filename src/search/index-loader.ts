import { changesAfter, latestChangeId, type Database } from '../db/index.js';
import type { BaseIndex } from './engine/index.js';
import { buildFromDatabase, catalogFingerprint } from './catalog-source.js';
import { readSnapshot, writeSnapshot } from './snapshot.js';
import { SnapshotError } from './errors.js';

/** Where an index came from, how long it took, and why a snapshot was not used. */
export interface LoadedIndex {
  readonly index: BaseIndex;
  readonly source: 'snapshot' | 'database';
  readonly millis: number;
  /** Why the snapshot was passed over, when it was. */
  readonly snapshotSkipped?: string;
  /** Why writing the new snapshot failed, when it did (the index is still good). */
  readonly snapshotFailed?: string;
}

export interface LoadOptions {
  /** The snapshot file under DATA_DIR. */
  readonly snapshot: string;
  /** Try the snapshot before building. */
  readonly useSnapshot: boolean;
  readonly onProgress?: (products: number) => void;
  /** Write the new snapshot no faster than this (see `writeSnapshot`); at once when absent. */
  readonly writeBytesPerSecond?: number;
  /** Rest between pages of rows while building (see `BuildOptions.restShare`). */
  readonly restShare?: number;
}

/**
 * The index to serve: the snapshot when it is sound and still describes this database (the
 * change feed reaches back to it and the catalog has the same size), else a build from the
 * database, written back as the new snapshot.
 */
export async function loadOrBuild(database: Database, options: LoadOptions): Promise<LoadedIndex> {
  const started = performance.now();
  let snapshotSkipped: string | undefined;
  if (options.useSnapshot) {
    try {
      const { index, database: location } = readSnapshot(options.snapshot);
      const stale = await staleness(database, index, location);
      if (stale === undefined) {
        return { index, source: 'snapshot', millis: performance.now() - started };
      }
      snapshotSkipped = stale;
    } catch (error) {
      snapshotSkipped = error instanceof SnapshotError ? error.message : String(error);
    }
  }
  // Read the position first: changes committed while the rows stream in are applied again after.
  const position = await latestChangeId(database);
  const index = await buildFromDatabase(database, position, options);
  let snapshotFailed: string | undefined;
  try {
    await writeSnapshot(options.snapshot, index, database.location, {
      ...(options.writeBytesPerSecond !== undefined && {
        bytesPerSecond: options.writeBytesPerSecond,
      }),
    });
  } catch (error) {
    snapshotFailed = error instanceof Error ? error.message : String(error);
  }
  return {
    index,
    source: 'database',
    millis: performance.now() - started,
    ...(snapshotSkipped !== undefined && { snapshotSkipped }),
    ...(snapshotFailed !== undefined && { snapshotFailed }),
  };
}

/** Why a sound snapshot no longer describes `database`, or undefined when it still does. */
async function staleness(
  database: Database,
  index: BaseIndex,
  location: string,
): Promise<string | undefined> {
  const { position, fingerprint } = index.meta;
  if (location !== database.location) return `snapshot is of ${location}`;
  const latest = await latestChangeId(database);
  if (latest < position) return 'the change feed is behind the snapshot (a different database?)';
  const [oldest] = await changesAfter(database, 0, 1);
  if (position > 0 && (oldest === undefined || oldest.id > position + 1)) {
    return 'changes since the snapshot were pruned from the change feed';
  }
  const now = await catalogFingerprint(database);
  if (now.count !== fingerprint.count || now.maxId !== fingerprint.maxId) {
    return 'the catalog has changed size since the snapshot';
  }
  return undefined;
}
