// The page cache's hot path, in one run with the same wrk settings:
//  1. hits/s of the same 20 KB page through our proxy, through nginx proxy_cache (Debian's nginx,
//     one worker, installed by this script when missing), and from a bare node:http server that
//     sends the page from memory — interleaved rounds, medians;
//  2. product pages through our proxy in front of one app server: all hits versus all misses.
// Run: npm run build && node dist/bench/page-cache.js [--seconds 8] [--rounds 3] [--connections 32] [--products 20000]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startYuletide, type RunningProcess } from '../src/testing/index.js';
import { seededDatabase } from './lib/bench-database.js';
import { count, median, table } from './lib/measure.js';
import { ensureCommand, wrk, type WrkResult } from './lib/wrk.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    products: { type: 'string', default: '20000' },
  },
});
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const products = Number(values.products);
const PAGE_BYTES = 20 * 1024;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-bench-page-cache-'));
const cleanups: (() => Promise<unknown> | void)[] = [];
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The bare server: node:http sending one 20 KB page from memory, as public and cacheable for an
 * hour (the origin behind both caches, and the baseline). A child process, since wrk runs
 * synchronously in this one.
 */
async function startBareServer(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const script = `
import http from 'node:http';
const body = Buffer.alloc(${PAGE_BYTES}, 'x');
http.createServer((req, res) => {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'public, s-maxage=3600',
    'last-modified': 'Sun, 01 Nov 2026 00:00:00 GMT',
    'content-length': body.length,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}).listen(${port}, '127.0.0.1');`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: 'inherit',
  });
  cleanups.push(() => void child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/page`);
  return { url, child };
}

/** nginx with proxy_cache in front of `origin`: one worker, foreground, config in a temp dir. */
async function startNginx(origin: string): Promise<string> {
  ensureCommand('nginx');
  const prefix = path.join(dir, 'nginx');
  for (const sub of ['', 'cache', 'tmp']) fs.mkdirSync(path.join(prefix, sub), { recursive: true });
  // Workers may run as nobody when started by root: let them write the cache.
  for (const sub of ['cache', 'tmp']) fs.chmodSync(path.join(prefix, sub), 0o777);
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const temp = path.join(prefix, 'tmp');
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `worker_processes 1;
daemon off;
pid ${path.join(prefix, 'nginx.pid')};
error_log ${path.join(prefix, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  proxy_cache_path ${path.join(prefix, 'cache')} levels=1:2 keys_zone=pages:10m max_size=256m inactive=1h use_temp_path=off;
  upstream origin { server ${new URL(origin).host}; keepalive 32; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache pages;
      add_header Cache-Status $upstream_cache_status;
    }
  }
}
`,
  );
  const check = spawnSync('nginx', ['-t', '-p', prefix, '-c', conf], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx rejected its config:\n${check.stderr}`);
  const child = spawn('nginx', ['-p', prefix, '-c', conf], { stdio: 'inherit' });
  cleanups.push(() => void child.kill('SIGQUIT'));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/page`);
  return url;
}

async function startProxy(upstream: string, env: Record<string, string>): Promise<RunningProcess> {
  const proxy = await startYuletide(['proxy', '--port', '0', '--upstream', upstream], {
    DATA_DIR: fs.mkdtempSync(path.join(dir, 'proxy-')),
    ...env,
  });
  cleanups.push(() => proxy.stop());
  return proxy;
}

function row(name: string, results: WrkResult[], baseline: number): string[] {
  const rps = median(results.map((r) => r.requestsPerSecond));
  return [
    name,
    count(rps),
    median(results.map((r) => r.p50Ms)).toFixed(2),
    median(results.map((r) => r.p99Ms)).toFixed(2),
    String(results.reduce((sum, r) => sum + r.non2xx + r.socketErrors, 0)),
    baseline > 0 ? `${(rps / baseline).toFixed(2)}×` : '',
  ];
}

try {
  // ── 1. The same 20 KB page: ours, nginx proxy_cache, bare node:http. ──
  const bare = await startBareServer();
  const nginx = await startNginx(bare.url);
  const ours = await startProxy(bare.url, { LOG_LEVEL: 'info' });
  const oursUrl = `http://127.0.0.1:${ours.port}`;
  await waitFor(`${oursUrl}/page`);
  const targets = [
    { name: 'our proxy (hit)', url: oursUrl, results: [] as WrkResult[] },
    { name: 'nginx proxy_cache (hit)', url: nginx, results: [] as WrkResult[] },
    { name: 'bare node:http', url: bare.url, results: [] as WrkResult[] },
  ];
  const paths = ['/page'];
  for (const target of targets) wrk(target.url, { seconds: 2, connections, paths });
  for (let round = 0; round < rounds; round++) {
    for (const target of targets)
      target.results.push(wrk(target.url, { seconds, connections, paths }));
  }
  const nginxRps = median(targets[1]!.results.map((r) => r.requestsPerSecond));
  console.log(
    `\nthe same ${PAGE_BYTES / 1024} KB page, wrk -t1 -c${connections}, median of ${rounds} × ${seconds} s (interleaved), no cookie sent (every answer issues a session):\n`,
  );
  console.log(
    table(
      ['server', 'pages/s', 'p50 ms', 'p99 ms', 'errors', 'vs nginx'],
      targets.map((t) => row(t.name, t.results, nginxRps)),
    ),
  );
  const oursRps = median(targets[0]!.results.map((r) => r.requestsPerSecond));
  console.log(
    `\nbar: our proxy ≥ 0.7× nginx — ${(oursRps / nginxRps).toFixed(2)}× ${oursRps >= 0.7 * nginxRps ? 'PASS' : 'FAIL'}`,
  );
  await ours.stop();

  // ── 2. Product pages through the proxy in front of one app server: hits versus misses. ──
  process.stdout.write(`\nseeding ${count(products)} products… `);
  const database = await seededDatabase('sqlite', products);
  cleanups.push(() => database.drop());
  console.log('done');
  const app = await startYuletide(['app', '--port', '0'], {
    DATABASE_URL: database.url,
    DATA_DIR: fs.mkdtempSync(path.join(dir, 'app-')),
  });
  cleanups.push(() => app.stop());
  // No throttle: the misses come from one address, as fast as the app tier answers.
  const proxy = await startProxy(`http://127.0.0.1:${app.port}`, {
    DATABASE_URL: database.url,
    THROTTLE: 'off',
  });
  const proxyUrl = `http://127.0.0.1:${proxy.port}`;
  const hot = Array.from({ length: 50 }, (_, i) => `/p/${1 + ((i * 7919) % products)}`);
  for (const page of hot) await waitFor(proxyUrl + page);
  // Every miss path is a distinct URL (an ignored query parameter): few repeat in a run.
  const cold = Array.from(
    { length: 50_000 },
    (_, i) => `/p/${1 + Math.floor(Math.random() * products)}?miss=${i}`,
  );
  wrk(proxyUrl, { seconds: 2, connections, paths: cold });
  const hits: WrkResult[] = [];
  const misses: WrkResult[] = [];
  for (let round = 0; round < rounds; round++) {
    // Product pages live 15 s (inventory): re-warm so the hit runs measure hits.
    for (const page of hot) await waitFor(proxyUrl + page);
    hits.push(wrk(proxyUrl, { seconds, connections, paths: hot }));
    misses.push(wrk(proxyUrl, { seconds, connections, paths: cold }));
  }
  const missRps = median(misses.map((r) => r.requestsPerSecond));
  console.log(
    `\nproduct pages through the proxy and one app server (SQLite, ${count(products)} products), wrk -t1 -c${connections}, median of ${rounds} × ${seconds} s:\n`,
  );
  console.log(
    table(
      ['product pages', 'pages/s', 'p50 ms', 'p99 ms', 'errors', 'vs miss'],
      [row('hit (50 hot pages)', hits, missRps), row('miss (distinct URLs)', misses, missRps)],
    ),
  );
  const hitRps = median(hits.map((r) => r.requestsPerSecond));
  console.log(
    `\nbar: hit ≥ 10× miss — ${(hitRps / missRps).toFixed(1)}× ${hitRps >= 10 * missRps ? 'PASS' : 'FAIL'}`,
  );
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}
