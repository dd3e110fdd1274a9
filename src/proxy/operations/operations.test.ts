import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Operations, ProxyMetrics, clusterProcesses, CLUSTER_FILE } from './index.js';

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function fetchText(port: number, pathname: string, init: RequestInit = {}) {
  const response = await fetch(`http://127.0.0.1:${port}${pathname}`, init);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe('Operations', () => {
  let dir: string;
  let port: number;
  let server: http.Server;
  let search: http.Server;
  let searchHealthy = true;
  const metrics = new ProxyMetrics();
  const upstreams = [
    { url: 'http://127.0.0.1:41001', healthy: true },
    { url: 'http://127.0.0.1:41002', healthy: false },
  ];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-ops-'));
    search = http.createServer((_req, res) => res.writeHead(searchHealthy ? 200 : 503).end());
    const searchPort = await listen(search);
    const operations = new Operations({
      balancer: { status: () => upstreams },
      metrics,
      processes: clusterProcesses({ dataDir: dir, port: () => port, upstreams: [] }),
    });
    server = http.createServer((req, res) => {
      if (!operations.handle(req, res)) res.writeHead(404).end('not mine');
    });
    port = await listen(server);
    const entry = (role: string, pid: number | null, p: number) => ({
      role,
      pid,
      port: p,
      url: `http://127.0.0.1:${p}`,
      restarts: role === 'app' ? 1 : 0,
      startedAt: new Date().toISOString(),
    });
    fs.writeFileSync(
      path.join(dir, CLUSTER_FILE),
      JSON.stringify({
        supervisorPid: 1,
        processes: [
          entry('proxy', process.pid, port),
          entry('app', 11, 41001),
          entry('app', 12, 41002),
          entry('search', 13, searchPort),
        ],
      }),
    );
  });
  after(() => {
    server.close();
    search.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists every process with its health in JSON', async () => {
    const response = await fetchText(port, '/__status', {
      headers: { accept: 'application/json' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const status = JSON.parse(response.body) as {
      processes: { role: string; pid: number; port: number; healthy: boolean }[];
      traffic: { history: unknown[] };
    };
    assert.deepEqual(
      status.processes.map((p) => [p.role, p.pid, p.healthy]),
      [
        ['proxy', process.pid, true],
        ['app', 11, true],
        ['app', 12, false],
        ['search', 13, true],
      ],
    );
    assert.equal(status.traffic.history.length, 60);
    searchHealthy = false;
    const again = JSON.parse(
      (await fetchText(port, '/__status?format=json')).body,
    ) as typeof status;
    assert.equal(again.processes[3]!.healthy, false, 'search health is probed live');
    searchHealthy = true;
  });

  it('serves the dashboard with its script and style as separate paths under a strict CSP', async () => {
    const page = await fetchText(port, '/__status', { headers: { accept: 'text/html' } });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /^text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(page.body, /<script src="\/__status\.js" defer><\/script>/);
    assert.doesNotMatch(
      page.body,
      /<script>|<style>|style="|https?:\/\//,
      'no inline code, no external assets',
    );
    const script = await fetchText(port, '/__status.js');
    assert.match(script.headers.get('content-type')!, /^text\/javascript/);
    assert.doesNotThrow(() => new Function(script.body), 'the script parses');
    const css = await fetchText(port, '/__status.css');
    assert.match(css.headers.get('content-type')!, /^text\/css/);
  });

  it('exposes Prometheus metrics, counting requests by cache status', async () => {
    metrics.observeRequest('hit', 200, 0.0004);
    metrics.observeRequest('hit', 200, 0.0006);
    metrics.observeRequest('miss', 200, 0.02);
    metrics.observeRequest('throttled', 429, 0.0002);
    metrics.observeUpstream({
      upstream: 'http://127.0.0.1:41001',
      seconds: 0.019,
      outcome: 'response',
      status: 200,
    });
    const response = await fetchText(port, '/__metrics');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
    assert.match(response.body, /yuletide_proxy_requests_total\{cache="hit",status="2xx"\} 2/);
    assert.match(response.body, /yuletide_proxy_throttled_total 1/);
    assert.match(
      response.body,
      /yuletide_proxy_upstream_healthy\{upstream="http:\/\/127\.0\.0\.1:41002"\} 0/,
    );
    assert.match(
      response.body,
      /yuletide_proxy_upstream_duration_seconds_count\{upstream="http:\/\/127\.0\.0\.1:41001",outcome="response"\} 1/,
    );
    assert.match(response.body, /yuletide_proxy_process_cpu_seconds_total/);
  });

  it('refuses other methods and leaves other paths to the caller', async () => {
    assert.equal((await fetchText(port, '/__metrics', { method: 'POST' })).status, 405);
    assert.equal((await fetchText(port, '/p/1')).body, 'not mine');
  });
});

describe('clusterProcesses', () => {
  it('ignores a file left by another proxy and lists itself and its upstreams', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-ops-'));
    try {
      fs.writeFileSync(
        path.join(dir, CLUSTER_FILE),
        JSON.stringify({ processes: [{ role: 'proxy', pid: -5, port: 1 }] }),
      );
      const list = clusterProcesses({
        dataDir: dir,
        port: 8080,
        upstreams: ['http://10.0.0.2:81'],
      })();
      assert.deepEqual(
        list.map((p) => [p.role, p.pid, p.port]),
        [
          ['proxy', process.pid, 8080],
          ['app', null, 81],
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('TrafficWindow through ProxyMetrics', () => {
  it('reports requests, hit ratio and p99 for each of the last 60 seconds', () => {
    let now = 1_000_000;
    const metrics = new ProxyMetrics({ defaultMetrics: false, now: () => now });
    for (let i = 0; i < 98; i++) metrics.observeRequest('hit', 200, 0.001);
    metrics.observeRequest('miss', 200, 0.05);
    metrics.observeRequest('static', 200, 0.2);
    now += 1000;
    const last = metrics.points().at(-1)!;
    assert.equal(last.requests, 100);
    assert.equal(last.hitRatio, 98 / 99, 'static files are not page lookups');
    assert.ok(last.p99Ms! >= 40 && last.p99Ms! <= 65, `p99 ${last.p99Ms} ms`);
    now += 61_000;
    assert.ok(
      metrics.points().every((p) => p.requests === 0),
      'old seconds age out',
    );
  });
});
