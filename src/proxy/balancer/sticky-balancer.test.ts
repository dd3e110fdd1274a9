import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { captureLogs } from '../../testing/index.js';
import { StickyBalancer, UpstreamFailedError, UpstreamUnavailableError } from './index.js';
import { rank, serverSeed } from './rendezvous.js';

/** A tiny app server that answers with its name and counts what it was sent. */
interface Stub {
  readonly url: string;
  readonly name: string;
  healthy: boolean;
  /** When set, a POST is read in full and then the connection is cut, as by a crash. */
  dieOnPost: boolean;
  readonly received: { method: string; path: string }[];
  close(): Promise<void>;
}

async function startStub(name: string, port = 0): Promise<Stub> {
  const received: { method: string; path: string }[] = [];
  const stub = { healthy: true, dieOnPost: false, received } as Stub & { url: string };
  const server = http.createServer((req, res) => {
    if (req.url === '/__health') {
      res.writeHead(stub.healthy ? 200 : 503).end();
      return;
    }
    received.push({ method: req.method ?? '', path: req.url ?? '' });
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && stub.dieOnPost) {
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain', 'x-served-by': name }).end(name);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return Object.assign(stub, {
    url: `http://127.0.0.1:${actual}`,
    name,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

const GET = { method: 'GET', path: '/p/1?x=1', headers: { accept: 'text/html' } } as const;

function keys(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `session-${i}`);
}

async function servedBy(balancer: StickyBalancer, key: string): Promise<string> {
  return (await balancer.forward(GET, key)).body.toString();
}

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('StickyBalancer', () => {
  let stubs: Stub[];
  const log = captureLogs().log;

  before(async () => {
    stubs = await Promise.all(['a', 'b', 'c'].map((name) => startStub(name)));
  });
  after(async () => {
    await Promise.all(stubs.map((stub) => stub.close()));
  });

  function balancer(options: Partial<ConstructorParameters<typeof StickyBalancer>[0]> = {}) {
    return new StickyBalancer({ upstreams: stubs.map((stub) => stub.url), log, ...options });
  }

  it('sends one session to one server every time, with path, query and headers', async (t) => {
    const b = balancer();
    t.after(() => b.close());
    const first = await b.forward(GET, 'alice');
    for (let i = 0; i < 20; i++) assert.equal(await servedBy(b, 'alice'), first.body.toString());
    assert.equal(first.status, 200);
    assert.equal(first.headers['x-served-by'], first.body.toString());
    assert.equal(first.upstream, stubs.find((s) => s.name === first.body.toString())!.url);
    const stub = stubs.find((s) => s.name === first.body.toString())!;
    assert.deepEqual(stub.received.at(-1), { method: 'GET', path: '/p/1?x=1' });
  });

  it('spreads sessions evenly over the servers', async (t) => {
    const b = balancer();
    t.after(() => b.close());
    const counts = new Map<string, number>();
    const all = keys(3000);
    for (let i = 0; i < all.length; i += 100) {
      const names = await Promise.all(all.slice(i, i + 100).map((key) => servedBy(b, key)));
      for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    assert.equal(counts.size, 3);
    for (const [name, count] of counts) {
      assert.ok(count > 850 && count < 1150, `${name} got ${count} of 3000`);
    }
  });

  it('takes a refusing server out at once, retries the GET elsewhere, and moves only its sessions', async (t) => {
    const extra = await startStub('d');
    const upstreams = [...stubs.map((s) => s.url), extra.url];
    const b = new StickyBalancer({ upstreams, log });
    t.after(() => b.close());
    const before = new Map<string, string>();
    for (const key of keys(400)) before.set(key, await servedBy(b, key));
    const onD = [...before].filter(([, name]) => name === 'd').map(([key]) => key);
    assert.ok(onD.length > 50);

    await extra.close();
    // The first session of d's finds it refusing (or its kept-alive socket cut, which triggers
    // a check that finds it refusing): no error reaches the client either way.
    assert.notEqual(await servedBy(b, onD[0]!), 'd');
    await waitFor(() => b.healthyCount === 3, 1000);
    assert.deepEqual(
      b.status().map((s) => s.healthy),
      [true, true, true, false],
    );
    for (const [key, name] of before) {
      const now = await servedBy(b, key);
      if (name === 'd') assert.notEqual(now, 'd');
      else assert.equal(now, name, `session ${key} moved from ${name} to ${now}`);
    }
  });

  it('follows health checks: out after `fall` failures, back after `rise` passes', async (t) => {
    const b = balancer({ intervalMs: 30, fall: 2, rise: 2 });
    b.start();
    t.after(() => b.close());
    const key = 'health';
    const home = await servedBy(b, key);
    const stub = stubs.find((s) => s.name === home)!;
    stub.healthy = false;
    try {
      await waitFor(() => b.healthyCount === 2);
      assert.equal(b.status().find((s) => s.url === stub.url)?.healthy, false);
      assert.notEqual(await servedBy(b, key), home);
    } finally {
      stub.healthy = true;
    }
    await waitFor(() => b.healthyCount === 3);
    assert.equal(await servedBy(b, key), home, 'the session returns to its server');
  });

  it('never replays a POST that reached a server which then died: 502', async (t) => {
    const b = balancer();
    t.after(() => b.close());
    const key = 'poster';
    const name = await servedBy(b, key);
    const stub = stubs.find((s) => s.name === name)!;
    const counts = () => stubs.map((s) => s.received.filter((r) => r.method === 'POST').length);
    const before = counts();
    stub.dieOnPost = true;
    try {
      await assert.rejects(
        b.forward(
          { method: 'POST', path: '/cart/items', headers: {}, body: Buffer.from('a=1') },
          key,
        ),
        (error: unknown) => error instanceof UpstreamFailedError && error.status === 502,
      );
    } finally {
      stub.dieOnPost = false;
    }
    const after = counts();
    assert.deepEqual(
      after.map((n, i) => n - before[i]!),
      stubs.map((s) => (s === stub ? 1 : 0)),
      'the POST reached its server once and no other',
    );
  });

  it('retries a GET cut off mid-request on the next server', async (t) => {
    const b = balancer();
    t.after(() => b.close());
    const name = await servedBy(b, 'cut');
    const stub = stubs.find((s) => s.name === name)!;
    stub.dieOnPost = true;
    try {
      // PUT is idempotent, so a cut connection is retried even though it may have arrived.
      const response = await b.forward(
        { method: 'PUT', path: '/x', headers: {}, body: Buffer.from('1') },
        'cut',
      );
      assert.equal(response.status, 200);
    } finally {
      stub.dieOnPost = false;
    }
  });

  it('sends a POST to another server when its own refuses before anything was sent', async (t) => {
    const gone = await startStub('gone');
    await gone.close();
    const b = new StickyBalancer({ upstreams: [gone.url, stubs[0]!.url], log });
    t.after(() => b.close());
    const servers = [gone.url, stubs[0]!.url].map((name) => ({ name, seed: serverSeed(name) }));
    const key = keys(100).find((k) => rank(k, servers)[0]!.name === gone.url)!;
    const response = await b.forward(
      { method: 'POST', path: '/cart/items', headers: {}, body: Buffer.from('a=1') },
      key,
    );
    assert.equal(response.body.toString(), stubs[0]!.name);
    assert.equal(b.status()[0]!.healthy, false);
  });

  it('answers 503 when no server can be reached', async (t) => {
    const gone = await startStub('gone');
    await gone.close();
    const b = new StickyBalancer({ upstreams: [gone.url], log });
    t.after(() => b.close());
    for (let i = 0; i < 2; i++) {
      await assert.rejects(
        b.forward(GET, 'anyone'),
        (error: unknown) => error instanceof UpstreamUnavailableError && error.status === 503,
      );
    }
    assert.equal(b.healthyCount, 0);
  });

  it('strips hop-by-hop headers both ways', async (t) => {
    const b = balancer();
    t.after(() => b.close());
    const response = await b.forward(
      {
        method: 'GET',
        path: '/',
        headers: {
          connection: 'x-secret',
          'x-secret': '1',
          'keep-alive': 'timeout=5',
          te: 'trailers',
        },
      },
      'hops',
    );
    assert.equal(response.status, 200);
    assert.equal(response.headers['connection'], undefined);
    assert.equal(response.headers['keep-alive'], undefined);
  });

  it('names the option it refuses', () => {
    assert.throws(() => new StickyBalancer({ upstreams: [], log }), /options\.upstreams/);
    assert.throws(() => new StickyBalancer({ upstreams: ['ftp://x'], log }), /options\.upstreams/);
    assert.throws(
      () => new StickyBalancer({ upstreams: ['http://a'], log, fall: 0 }),
      /options\.fall/,
    );
  });
});
