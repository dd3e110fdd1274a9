import type { Database, RootDatabase } from 'lmdb';
import type { PageMeta } from './disk-page-store.js';

/**
 * A row of the write-order table as the version that kept its index in memory wrote it (before
 * 1 December 2026). Such stores are converted when opened; this file can go once none is left.
 */
interface OlderOrderRow {
  readonly key: string;
  readonly bytes: number;
  readonly tags: readonly string[];
}

/** The key of a write-order row: the key alone now, an object in the older layout. */
export function orderRowKey(value: unknown): string {
  return typeof value === 'string' ? value : (value as OlderOrderRow).key;
}

/**
 * Builds the meta and tag tables of a store the older version wrote, whose order rows carry
 * size and tags; a page rewritten has a row for each write, of which the last counts. Leaves
 * one order row a page, holding its key. A store already in the new layout is left alone.
 */
export function convertOlderLayout(
  root: RootDatabase,
  tables: {
    readonly order: Database<string, number>;
    readonly meta: Database<PageMeta, string>;
    readonly tagged: Database<string, string>;
  },
): void {
  const { order, meta, tagged } = tables;
  if (meta.getKeysCount({ limit: 1 }) > 0) return;
  const seqs: number[] = [];
  const latest = new Map<string, { seq: number; row: OlderOrderRow }>();
  for (const { key: seq, value } of order.getRange()) {
    const row = value as unknown as OlderOrderRow;
    seqs.push(seq);
    latest.delete(row.key);
    latest.set(row.key, { seq, row });
  }
  if (seqs.length === 0) return;
  root.transactionSync(() => {
    for (const seq of seqs) void order.remove(seq);
    for (const [key, { seq, row }] of latest) {
      void order.put(seq, key);
      void meta.put(key, { seq, bytes: row.bytes, tags: row.tags });
      for (const tag of row.tags) void tagged.put(tag, key);
    }
  });
}
