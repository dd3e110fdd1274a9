import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runLoad } from './load-generator.js';
import { DEFAULT_MIX } from './shopping-mix.js';
import { listenStubStore } from './stub-store.js';

describe('the load generator against the stub store', () => {
  it('finds the catalog, and every shopper browses, buys and checks out like a browser', async (t) => {
    const { url, server } = await listenStubStore({ products: 1000 });
    t.after(() => server.close());
    const result = await runLoad({
      url,
      duration: 1.5,
      warmup: 0,
      rate: 40,
      // Every shopper checks out (some registering first), so every form is exercised.
      mix: { ...DEFAULT_MIX, cart: 1, checkout: 1, register: 0.2 },
      connections: 8,
      maxSessions: 1000,
      seed: 7,
      progress: { write: () => true },
    });
    const { recorder } = result;

    // Found by probing /p/:id: 1000 answers 200, 1001 the stub's 404.
    assert.equal(result.site.productCount, 1000);
    assert.deepEqual(result.site.sections, ['toys', 'books', 'games', 'baby']);
    // The stub answers 403 to a form without the session's CSRF token, and counts as an error
    // any other status a shopper does not expect: none may occur.
    assert.deepEqual(Object.fromEntries(recorder.errors), {});
    assert.ok(recorder.sessions.started >= 20, `${recorder.sessions.started} sessions`);
    assert.equal(recorder.sessions.completed, recorder.sessions.started);
    // Every product tenth is sold out in the stub, so a few shoppers leave without an order.
    assert.ok(recorder.ordersPlaced >= recorder.sessions.started / 2, `${recorder.ordersPlaced}`);
    assert.ok(recorder.window.pages >= recorder.sessions.completed * 10);
    assert.equal(
      recorder.kinds.get('product')?.cacheHits,
      recorder.kinds.get('product')?.cacheAnswers,
    );
    assert.ok((recorder.kinds.get('register')?.latency.count ?? 0) > 0, 'some registered');
    assert.ok(result.cpu.generator.user > 0);
  });
});
