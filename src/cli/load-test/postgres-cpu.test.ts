import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PostgresCpu } from './postgres-cpu.js';

describe('PostgresCpu', () => {
  it('sums every backend, keeps what an exited one used, and counts a new one from first sight', () => {
    const cpu = new Map([
      [10, 100],
      [11, 50],
    ]);
    const postgres = new PostgresCpu(
      (pid) => cpu.get(pid),
      () => [...cpu.keys()],
    );
    assert.equal(postgres.read(0), 0);
    cpu.set(10, 130).set(11, 60);
    assert.equal(postgres.read(1_000), 40);
    cpu.delete(11); // a backend exits
    cpu.set(10, 150).set(12, 500); // another starts, not yet listed
    assert.equal(postgres.read(2_000), 60);
    cpu.set(12, 520);
    assert.equal(postgres.read(6_000), 60, 'listed now: counted from here on');
    cpu.set(12, 545);
    assert.equal(postgres.read(7_000), 85);
  });

  it('says nothing when there is no PostgreSQL on the host', () => {
    assert.equal(
      new PostgresCpu(
        () => undefined,
        () => [],
      ).read(),
      undefined,
    );
  });
});
