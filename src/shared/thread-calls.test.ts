import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import { ThreadCalls } from './thread-calls.js';

class FixtureError extends Error {}

describe('ThreadCalls', () => {
  const calls = new ThreadCalls<'priority' | 'fail' | 'exit', number>(
    new URL('./thread-calls-fixture.js', import.meta.url),
    { workerData: { nice: 19 }, error: (message) => new FixtureError(message) },
  );
  after(() => calls.close());

  it(
    'runs calls on a thread of its own at the priority asked, this thread keeping its own',
    {
      skip: process.platform !== 'linux' && 'thread priorities are read from /proc',
    },
    async () => {
      assert.equal(await calls.call('priority'), 19);
      assert.equal(os.getPriority(), 0);
    },
  );

  it('rejects a call that failed with the given error, and goes on answering', async () => {
    await assert.rejects(calls.call('fail'), (error) => {
      assert.ok(error instanceof FixtureError);
      assert.equal(error.message, 'asked to fail');
      return true;
    });
    assert.equal(calls.pending, 0);
    assert.equal(typeof (await calls.call('priority')), 'number');
  });

  it('fails the calls a dying thread held, and starts another for the next call', async () => {
    const held = [calls.call('exit'), calls.call('priority')];
    for (const call of held) await assert.rejects(call, FixtureError);
    assert.equal(calls.pending, 0);
    assert.equal(typeof (await calls.call('priority')), 'number');
  });
});
