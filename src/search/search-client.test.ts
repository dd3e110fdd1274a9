import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BadRequestError } from '../shared/index.js';
import { SearchClient } from './search-client.js';
import { SearchUnavailableError } from './errors.js';

const ANSWER = {
  took_ms: 0.5,
  total: 2,
  ids: [7, 3],
  facets: { category: [], brand: [], price: [], age: [] },
  suggestions: [],
  sort: 'relevance',
  page: 1,
  per_page: 24,
};

/** A stand-in daemon: `respond` decides what each request gets (or leaves it hanging). */
async function stub(respond: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  let connections = 0;
  const urls: string[] = [];
  const server = http.createServer((req, res) => {
    urls.push(req.url ?? '');
    respond(req, res);
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    urls,
    connections: () => connections,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('search client', () => {
  const closers: (() => Promise<void>)[] = [];
  after(() => Promise.all(closers.map((close) => close())));

  it('asks with every filter and reads the answer, over kept-alive connections', async () => {
    const daemon = await stub((_req, res) => res.end(JSON.stringify(ANSWER)));
    const client = new SearchClient(daemon.url);
    closers.push(daemon.close, () => client.close());
    const request = {
      q: 'wooden train',
      category: 'toys',
      brand: 'acme',
      minPriceCents: 1000,
      maxPriceCents: 2599,
      ageYears: 3,
      inStock: true,
      sort: 'price-asc' as const,
      page: 2,
      perPage: 24,
    };
    const answer = await client.search(request);
    assert.deepEqual(answer.ids, [7, 3]);
    assert.equal(answer.perPage, 24);
    assert.equal(answer.tookMs, 0.5);
    for (let i = 0; i < 10; i++) await client.search(request);
    assert.ok(daemon.connections() <= 2, `${daemon.connections()} connections for 11 searches`);
    const asked = new URL(daemon.urls[0]!, 'http://x').searchParams;
    assert.equal(asked.get('q'), 'wooden train');
    assert.equal(asked.get('min_price'), '10.00');
    assert.equal(asked.get('max_price'), '25.99');
    assert.equal(asked.get('in_stock'), '1');
    assert.equal(asked.get('page'), '2');
  });

  it('fails within its deadline when the daemon hangs, then fails fast while cooling down', async () => {
    const daemon = await stub(() => undefined);
    const client = new SearchClient(daemon.url, { timeoutMs: 300, coolDownMs: 2000 });
    closers.push(daemon.close, () => client.close());
    const started = performance.now();
    await assert.rejects(client.search({ q: 'train' }), SearchUnavailableError);
    const took = performance.now() - started;
    assert.ok(took >= 250 && took < 1000, `${took} ms`);
    const again = performance.now();
    await assert.rejects(client.search({ q: 'train' }), SearchUnavailableError);
    assert.ok(performance.now() - again < 50, 'no second wait');
    assert.equal(daemon.urls.length, 1);
  });

  it('fails at once when nothing listens', async () => {
    const daemon = await stub(() => undefined);
    await daemon.close();
    const client = new SearchClient(daemon.url);
    closers.push(() => client.close());
    const started = performance.now();
    await assert.rejects(client.search({ q: 'train' }), SearchUnavailableError);
    assert.ok(performance.now() - started < 1000);
  });

  it("passes on the daemon's 400 as a bad request and other statuses as unavailable", async () => {
    let status = 400;
    const daemon = await stub((_req, res) => {
      res.statusCode = status;
      res.end(
        JSON.stringify({ error: "The parameter 'page' must be a whole number from 1 to 416." }),
      );
    });
    const client = new SearchClient(daemon.url, { coolDownMs: 0 });
    closers.push(daemon.close, () => client.close());
    await assert.rejects(
      client.search({ q: 'x' }),
      (error: unknown) => error instanceof BadRequestError && /page/.test(error.message),
    );
    status = 500;
    await assert.rejects(client.search({ q: 'x' }), SearchUnavailableError);
  });

  it('refuses options that make no sense, naming them', () => {
    assert.throws(
      () => new SearchClient('http://127.0.0.1:1', { timeoutMs: 0 }),
      /options.timeoutMs/,
    );
    assert.throws(
      () => new SearchClient('http://127.0.0.1:1', { connections: 1.5 }),
      /options.connections/,
    );
  });
});
