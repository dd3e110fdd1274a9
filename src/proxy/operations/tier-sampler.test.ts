import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse, quantileMs, TierSampler } from './tier-sampler.js';

/** What an app server's /__metrics says after `n` requests, all answered within 5 ms. */
function metricsText(n: number): string {
  return [
    '# HELP yuletide_app_request_duration_seconds x',
    `yuletide_app_request_duration_seconds_bucket{le="0.001"} 0`,
    `yuletide_app_request_duration_seconds_bucket{le="0.005"} ${n}`,
    `yuletide_app_request_duration_seconds_bucket{le="+Inf"} ${n}`,
    `yuletide_app_request_duration_seconds_count ${n}`,
    `yuletide_search_duration_seconds_bucket{le="0.01"} ${n / 10}`,
    `yuletide_search_duration_seconds_bucket{le="+Inf"} ${n / 10}`,
    `yuletide_search_duration_seconds_count ${n / 10}`,
    `yuletide_object_cache_lookups_total{model="product",part="core",tier="memory",result="hit"} ${n * 3}`,
    `yuletide_object_cache_lookups_total{model="product",part="core",tier="memory",result="miss"} ${n}`,
    `yuletide_object_cache_lookups_total{model="product",part="core",tier="lmdb",result="hit"} ${n - n / 100}`,
    `yuletide_object_cache_lookups_total{model="product",part="core",tier="database",result="hit"} ${n / 100}`,
    'yuletide_db_connections{state="busy"} 3',
    'yuletide_db_connections{state="waiting"} 1',
    'yuletide_db_connections{state="max"} 10',
    '',
  ].join('\n');
}

describe('the operations view of the app tier', () => {
  it('reads histograms, cache lookups and connections from Prometheus text', () => {
    const scrape = parse(metricsText(100));
    assert.equal(scrape.app.count, 100);
    assert.deepEqual(scrape.app.buckets.at(-1), [Infinity, 100]);
    assert.equal(scrape.cacheHits, 300 + 99);
    assert.equal(scrape.databaseLoads, 1);
    assert.deepEqual(scrape.db, { busy: 3, waiting: 1, max: 10 });
  });

  it('interpolates quantiles within their bucket, as histogram_quantile does', () => {
    const histogram = {
      buckets: [
        [0.01, 50],
        [0.1, 100],
        [Infinity, 100],
      ] as const,
      count: 100,
    };
    assert.equal(quantileMs(histogram, 0.5), 10);
    assert.ok(Math.abs(quantileMs(histogram, 0.99)! - 98.2) < 1e-9);
    assert.equal(quantileMs({ buckets: [], count: 0 }, 0.99), null);
  });

  it('samples each app server once a second while watched', async (t) => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests += 200;
      res.end(metricsText(requests));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());
    const port = (server.address() as AddressInfo).port;
    const app = {
      role: 'app' as const,
      pid: 1,
      port,
      url: `http://127.0.0.1:${port}`,
      restarts: 0,
      startedAt: null,
    };
    const sampler = new TierSampler(() => [app]);
    t.after(() => sampler.stop());
    assert.deepEqual(sampler.read().history, [], 'nothing before the first second');
    await new Promise((resolve) => setTimeout(resolve, 2300));
    const last = sampler.read().history.at(-1)!;
    assert.ok(last.appRequests! > 100 && last.appRequests! < 400, String(last.appRequests));
    assert.ok(last.appP99Ms! > 1 && last.appP99Ms! <= 5);
    // Of 800 lookups a second, 600 memory hits and 198 LMDB hits: 2 reached the database.
    assert.equal(last.objectCacheHitRatio, 798 / 800);
    assert.equal(last.dbBusy, 3);
    assert.equal(last.dbWaiting, 1);
    assert.equal(sampler.read().apps[0]?.port, port);
  });
});
