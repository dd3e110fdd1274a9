// The page cache's hot path, in one run with the same wrk settings:
//  1. hits/s of the same 20 KB page through our proxy, through nginx proxy_cache (Debian's nginx,
//     one worker, installed by this script when missing), and from a bare node:http server that
//     sends the page from memory — interleaved rounds, medians, with each server's CPU µs per page;
//  2. product pages through our proxy in front of one app server: all hits versus all misses.
// Run: npm run build && node dist/bench/page-cache.js [--seconds 5] [--rounds 5] [--connections 32] [--products 20000]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  freePort,
  startYuletide,
  waitFor as waitUntil,
  type RunningProcess,
} from '../src/testing/index.js';
import { seededDatabase } from './lib/bench-database.js';
import { count, median, table } from './lib/measure.js';
import { ensureCommand, settle, wrk, type WrkResult } from './lib/wrk.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '5' },
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

/** Resolves once `url` answers 2xx. */
async function waitFor(url: string, timeoutMs = 10_000): Promise<void> {
  const probe = async () => {
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      return response.ok ? true : undefined;
    } catch {
      return undefined; // not listening yet
    }
  };
  await waitUntil(probe, timeoutMs, `${url} to answer`, 100);
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

/** The processes whose parent is `pid` (nginx's workers), from /proc; none where it cannot be read. */
function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.existsSync('/proc') ? fs.readdirSync('/proc') : []) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.split(') ')[1]!.split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/** nginx with proxy_cache in front of `origin`: one worker, foreground, config in a temp dir. */
async function startNginx(origin: string): Promise<{ url: string; pids: number[] }> {
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
  return { url, pids: [child.pid!, ...childPids(child.pid!)] };
}

async function startProxy(upstream: string, env: Record<string, string>): Promise<RunningProcess> {
  const proxy = await startYuletide(['proxy', '--port', '0', '--upstream', upstream], {
    DATA_DIR: fs.mkdtempSync(path.join(dir, 'proxy-')),
    ...env,
  });
  cleanups.push(() => proxy.stop());
  return proxy;
}

/** A valid session cookie from the proxy at `url`, as a returning browser would send it. */
async function sessionCookie(url: string): Promise<string> {
  const response = await fetch(url);
  await response.arrayBuffer();
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`${url} issued no session cookie`);
  return `Cookie: ${cookie}`;
}

function row(name: string, results: WrkResult[], baseline: number): string[] {
  const rps = median(results.map((r) => r.requestsPerSecond));
  const cpu = median(results.map((r) => r.cpuMicrosPerRequest));
  return [
    name,
    count(rps),
    Number.isNaN(cpu) ? '' : cpu.toFixed(1),
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
  const ours = await startProxy(bare.url, {});
  const oursUrl = `http://127.0.0.1:${ours.port}`;
  await waitFor(`${oursUrl}/page`);
  const cookie = await sessionCookie(`${oursUrl}/page`);
  // A new visitor sends no cookie; a returning one sends the session cookie it was given.
  const oursPids = [ours.child.pid!];
  const targets = [
    { name: 'our proxy, new visitor', url: oursUrl, headers: [] as string[], cpuOf: oursPids },
    { name: 'our proxy, returning visitor', url: oursUrl, headers: [cookie], cpuOf: oursPids },
    { name: 'nginx proxy_cache', url: nginx.url, headers: [], cpuOf: nginx.pids },
    { name: 'bare node:http', url: bare.url, headers: [], cpuOf: [bare.child.pid!] },
  ].map((target) => ({ ...target, results: [] as WrkResult[] }));
  const paths = ['/page'];
  for (const target of targets) wrk(target.url, { seconds: 2, connections, paths });
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) {
      target.results.push(
        wrk(target.url, {
          seconds,
          connections,
          paths,
          headers: target.headers,
          cpuOf: target.cpuOf,
        }),
      );
    }
  }
  const rps = (results: WrkResult[]) => median(results.map((r) => r.requestsPerSecond));
  const nginxRps = rps(targets[2]!.results);
  console.log(
    `\nhits on the same ${PAGE_BYTES / 1024} KB page, wrk -t1 -c${connections}, median of ${rounds} × ${seconds} s, interleaved.` +
      `\nA new visitor sends no cookie, so every answer issues a session (random id + HMAC); a returning` +
      `\nvisitor sends its valid session cookie (about 12 page views per session at eToys' peak):\n`,
  );
  console.log(
    table(
      ['server (hits)', 'pages/s', 'CPU µs/page', 'p50 ms', 'p99 ms', 'errors', 'vs nginx'],
      targets.map((t) => row(t.name, t.results, nginxRps)),
    ),
  );
  for (const target of targets.slice(0, 2)) {
    const ratio = rps(target.results) / nginxRps;
    console.log(
      `bar: ${target.name} ≥ 0.7× nginx — ${ratio.toFixed(2)}× ${ratio >= 0.7 ? 'PASS' : 'FAIL'}`,
    );
  }
  await ours.stop();

  // ── 2. Product pages through the proxy in front of one app server: hits versus misses. ──
  process.stdout.write(`\nseeding ${count(products)} products… `);
  const database = await seededDatabase('sqlite', products);
  cleanups.push(() => database.drop());
  console.log('done');
  // Product pages may be cached as long as their shortest-lived part (inventory, 15 s by default,
  // so a page can come with s-maxage=1). Five minutes here, so a hit run measures hits only.
  const app = await startYuletide(['app', '--port', '0'], {
    DATABASE_URL: database.url,
    DATA_DIR: fs.mkdtempSync(path.join(dir, 'app-')),
    TTL_INVENTORY: '300',
    TTL_PRICE: '300',
  });
  cleanups.push(() => app.stop());
  // No throttle: the misses come from one address, as fast as the app tier answers.
  const proxy = await startProxy(`http://127.0.0.1:${app.port}`, {
    DATABASE_URL: database.url,
    THROTTLE: 'off',
  });
  const proxyUrl = `http://127.0.0.1:${proxy.port}`;
  const proxyPids = [proxy.child.pid!];
  const hot = Array.from({ length: 50 }, (_, i) => `/p/${1 + ((i * 7919) % products)}`);
  const warm = async () => {
    for (const page of hot) await waitFor(proxyUrl + page);
  };
  await warm();
  const productCookie = await sessionCookie(proxyUrl + hot[0]!);
  // Each miss run asks URLs never asked before (an ignored query parameter makes them distinct),
  // going through the catalog in a stride so neighbouring requests ask different products.
  const catalog = Array.from({ length: products }, (_, n) => `/p/${1 + ((n * 7919) % products)}`);
  const miss = (tag: string, headers: readonly string[], length = seconds) =>
    wrk(proxyUrl, {
      seconds: length,
      connections,
      paths: catalog,
      order: 'sequential',
      uniqueQuery: `miss=${tag}`,
      headers,
      cpuOf: proxyPids,
    });
  miss('warm', [], 2);
  const runs = {
    hitNew: [] as WrkResult[],
    hitReturning: [] as WrkResult[],
    missNew: [] as WrkResult[],
    missReturning: [] as WrkResult[],
  };
  // Each hit run starts once the proxy and the app are idle again: the misses before it leave the
  // proxy storing pages and collecting their garbage for a few seconds, a cost of the misses.
  const quiet = [...proxyPids, app.child.pid!];
  for (let round = 0; round < rounds; round++) {
    await warm();
    await settle(quiet);
    runs.hitNew.push(wrk(proxyUrl, { seconds, connections, paths: hot, cpuOf: proxyPids }));
    await warm();
    await settle(quiet);
    runs.hitReturning.push(
      wrk(proxyUrl, {
        seconds,
        connections,
        paths: hot,
        headers: [productCookie],
        cpuOf: proxyPids,
      }),
    );
    runs.missNew.push(miss(`new${round}`, []));
    runs.missReturning.push(miss(`returning${round}`, [productCookie]));
  }
  const missRps = rps(runs.missNew);
  console.log(
    `\nproduct pages through the proxy and one app server (SQLite, ${count(products)} products, part TTLs ≤ 300 s), wrk -t1 -c${connections}, median of ${rounds} × ${seconds} s:\n`,
  );
  console.log(
    table(
      ['product pages', 'pages/s', 'proxy CPU µs/page', 'p50 ms', 'p99 ms', 'errors', 'vs miss'],
      [
        row('hit, new visitor (50 hot pages)', runs.hitNew, missRps),
        row('hit, returning visitor', runs.hitReturning, rps(runs.missReturning)),
        row('miss, new visitor (distinct URLs)', runs.missNew, missRps),
        row('miss, returning visitor', runs.missReturning, rps(runs.missReturning)),
      ],
    ),
  );
  for (const [name, hit, miss] of [
    ['new visitors', runs.hitNew, runs.missNew],
    ['returning visitors', runs.hitReturning, runs.missReturning],
  ] as const) {
    const ratio = rps(hit) / rps(miss);
    console.log(
      `bar: hit ≥ 10× miss, ${name} — ${ratio.toFixed(1)}× ${ratio >= 10 ? 'PASS' : 'FAIL'}`,
    );
  }
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}
