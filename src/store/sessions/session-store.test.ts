import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../db/index.js';
import { MemoryStore, ObjectCache } from '../../framework/index.js';
import { testDialects } from '../../testing/index.js';
import { SessionStore } from './session-store.js';

const cache = () => new ObjectCache(new MemoryStore({ maxEntries: 100 }));

for (const dialect of await testDialects()) {
  describe(`sessions (${dialect.name})`, { skip: dialect.skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    before(async () => ({ database, drop } = await dialect.create()));
    after(() => drop());

    it('survives its app server: another process reads it from the database', async () => {
      const first = new SessionStore(database, cache());
      const created = await first.create('sid-1');
      await first.save({ ...created, data: { step: 'shipping' } });
      const elsewhere = await new SessionStore(database, cache()).load('sid-1');
      assert.deepEqual(elsewhere?.data, { step: 'shipping' });
    });

    it('ends idle and over-age sessions', async () => {
      const store = new SessionStore(database, cache(), { idleMs: 1000, absoluteMs: 5000 });
      const now = Date.now();
      await store.create('sid-idle', now);
      assert.ok(await store.load('sid-idle', now + 500));
      assert.equal(
        await new SessionStore(database, cache(), { idleMs: 1000, absoluteMs: 5000 }).load(
          'sid-idle',
          now + 1600,
        ),
        undefined,
      );
      await store.create('sid-old', now);
      assert.equal(await store.load('sid-old', now + 6000), undefined);
    });

    it('rotates to a new id at login and refuses the old one, and ends sessions at logout', async () => {
      const store = new SessionStore(database, cache());
      const session = await store.create('sid-before');
      const rotated = await store.rotate(session, 'sid-after', null);
      assert.equal(rotated.id, 'sid-after');
      assert.equal(await store.load('sid-before'), undefined);
      assert.equal(await new SessionStore(database, cache()).load('sid-before'), undefined);
      await store.end('sid-after');
      assert.equal(
        await new SessionStore(database, cache()).load('sid-after'),
        undefined,
        'replayed after logout: refused',
      );
    });

    it('tells a new id from an ended or timed-out one, so an over id is never reused', async () => {
      const store = new SessionStore(database, cache(), { idleMs: 1000, absoluteMs: 5000 });
      const now = Date.now();
      assert.deepEqual(await store.lookup('sid-never', now), { state: 'new' });
      await store.create('sid-timed-out', now);
      assert.deepEqual(await store.lookup('sid-timed-out', now + 2000), { state: 'expired' });
      await store.create('sid-timed-out', now + 6000);
      assert.equal((await store.lookup('sid-timed-out', now + 6500)).state, 'live', 'afresh');
      await store.end('sid-never-started');
      assert.deepEqual(await store.lookup('sid-never-started'), { state: 'ended' });
      assert.ok((await store.prune(Date.now() + 6000)) >= 3, 'old sessions and markers pruned');
      assert.deepEqual(await store.lookup('sid-never-started'), { state: 'new' });
    });
  });
}
