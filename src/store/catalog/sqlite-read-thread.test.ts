import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledQuery } from 'kysely';
import { DatabaseError } from '../../db/index.js';
import { testDialects } from '../../testing/index.js';
import { SqliteReadThread } from './sqlite-read-thread.js';

/** A query that keeps SQLite busy for a few hundred milliseconds. */
const SLOW = CompiledQuery.raw(
  'with recursive n(i) as (select 1 union all select i + 1 from n where i < ?) select count(*) as c from n',
  [3_000_000],
);

const sqlite = (await testDialects()).find((dialect) => dialect.name === 'sqlite')!;

describe('SqliteReadThread', () => {
  let file: string;
  let drop: () => Promise<void>;
  let thread: SqliteReadThread;
  before(async () => {
    const created = await sqlite.create();
    file = created.url.slice('sqlite:'.length);
    drop = created.drop;
    thread = new SqliteReadThread(file);
  });
  after(async () => {
    await thread.close();
    await drop();
  });

  it('answers a slow query while this thread keeps serving', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const rows = await thread.run<{ c: number }>(SLOW as CompiledQuery<{ c: number }>);
    const ms = performance.now() - started;
    clearInterval(timer);
    assert.deepEqual(rows, [{ c: 3_000_000 }]);
    assert.ok(ticks >= ms / 5 / 3, `${ticks} timer ticks in ${ms.toFixed(0)} ms`);
  });

  it('reads what the main connection wrote, and refuses to write', async () => {
    const rows = await thread.run<{ n: number }>(
      CompiledQuery.raw('select count(*) as n from products') as CompiledQuery<{ n: number }>,
    );
    assert.deepEqual(rows, [{ n: 0 }]);
    await assert.rejects(thread.run(CompiledQuery.raw('delete from products')), DatabaseError);
    await assert.rejects(
      thread.run(CompiledQuery.raw('select nonsense from nowhere')),
      DatabaseError,
    );
  });
});
