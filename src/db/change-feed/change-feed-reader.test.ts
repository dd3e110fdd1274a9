import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { testDialects } from '../../testing/index.js';
import type { Database } from '../database.js';
import { appendChange, type Change } from './change-feed.js';
import { ChangeFeedReader } from './change-feed-reader.js';

/** Commits `count` changes one transaction each, as a busy store's requests do. */
async function commitChanges(database: Database, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    await database.db
      .transaction()
      .execute((trx) =>
        appendChange(trx, database.dialect, { topic: 'product', key: String(i), version: i }),
      );
  }
}

/** Resolves when `batches` hold `count` changes in all, or rejects after `ms`. */
async function waitForChanges(batches: Change[][], count: number, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (batches.flat().length < count) {
    if (Date.now() > until) throw new Error(`${batches.flat().length} of ${count} changes read`);
    await sleep(5);
  }
}

for (const dialect of await testDialects()) {
  describe(`change feed reader (${dialect.name})`, { skip: dialect.skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    before(async () => ({ database, drop } = await dialect.create()));
    after(() => drop());

    it('hands out every committed change once, in order, skipping what came before it', async () => {
      await commitChanges(database, 0, 3);
      const reader = new ChangeFeedReader(database, { pollMs: 20 });
      const batches: Change[][] = [];
      await reader.start((changes) => void batches.push(changes));
      await commitChanges(database, 3, 40);
      await waitForChanges(batches, 40);
      await sleep(60);
      await reader.stop();
      const keys = batches.flat().map((change) => Number(change.key));
      assert.deepEqual(
        keys,
        Array.from({ length: 40 }, (_, i) => i + 3),
      );
    });

    // SQLite has no notifications: its readers only poll.
    if (dialect.name !== 'postgres') return;
    it('is woken by a commit and reads a burst of commits in a few queries', async () => {
      const reader = new ChangeFeedReader(database, { pollMs: 60_000, wakeDelayMs: 200 });
      const batches: Change[][] = [];
      await reader.start((changes) => void batches.push(changes));
      const started = Date.now();
      await commitChanges(database, 100, 1);
      await waitForChanges(batches, 1, 2000);
      const woken = Date.now() - started;
      await commitChanges(database, 101, 30);
      await waitForChanges(batches, 31);
      await reader.stop();
      assert.ok(woken < 1500, `a notification woke the reader after ${woken} ms, not the poll`);
      assert.ok(
        batches.length <= 10,
        `30 commits in quick succession were read in ${batches.length - 1} batches`,
      );
    });
  });
}
