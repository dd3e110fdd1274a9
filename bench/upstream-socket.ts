// What a forwarded request costs, as the proxy asks an app server on the same host: an undici
// pool (as the proxy's) against a node:http server answering a 6 KB page, read with undici's
// request() and its body stream or with the proxy's exchange() (dispatch, one buffer), over
// loopback TCP and over a Unix socket. The server runs in a child process; CPU is the client's
// and both processes' (user and system), per request, rounds interleaved, medians.
// Run: npm run build && node dist/bench/upstream-socket.js [--requests 40000] [--rounds 5]
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { exchange } from '../src/proxy/index.js';
import { median, table } from './lib/measure.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '40000' },
    rounds: { type: 'string', default: '5' },
    serve: { type: 'string' },
  },
});

/** The child: a server on a TCP port and a socket path; prints its CPU time when asked. */
function serve(socketPath: string): void {
  const page = Buffer.alloc(6 * 1024, 'x');
  const handler = (_: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'public, s-maxage=300' });
    res.end(page);
  };
  const tcp = http.createServer({ keepAliveTimeout: 65_000 }, handler).listen(0, '127.0.0.1');
  http.createServer({ keepAliveTimeout: 65_000 }, handler).listen(socketPath);
  tcp.on('listening', () => process.send!({ port: (tcp.address() as { port: number }).port }));
  process.on('message', () => {
    const { user, system } = process.cpuUsage();
    process.send!({ cpu: user + system });
  });
}

async function main(): Promise<void> {
  const requests = Number(values.requests);
  const rounds = Number(values.rounds);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-bench-socket-'));
  const socketPath = path.join(dir, 'app.sock');
  const child = fork(new URL(import.meta.url).pathname, ['--serve', socketPath]);
  const replies: ((message: { port?: number; cpu?: number }) => void)[] = [];
  child.on('message', (message: { port?: number; cpu?: number }) => replies.shift()?.(message));
  const ask = () =>
    new Promise<{ port?: number; cpu?: number }>((resolve) => {
      replies.push(resolve);
      child.send('cpu');
    });
  const { port } = await new Promise<{ port?: number }>((resolve) => replies.push(resolve));
  while (!fs.existsSync(socketPath)) await new Promise((resolve) => setTimeout(resolve, 10));

  const pool = (socket: boolean) =>
    new Pool(
      socket ? 'http://localhost' : `http://127.0.0.1:${port}`,
      socket ? { connections: 32, socketPath } : { connections: 32 },
    );
  const viaRequest = async (target: Pool, path: string) => {
    const { body } = await target.request({ path, method: 'GET' });
    await body.arrayBuffer();
  };
  const viaExchange = (target: Pool, path: string) => exchange(target, { path, method: 'GET' });
  const variants = [
    { name: 'request(), loopback TCP', pool: pool(false), send: viaRequest },
    { name: 'exchange(), loopback TCP', pool: pool(false), send: viaExchange },
    { name: 'exchange(), Unix socket', pool: pool(true), send: viaExchange },
  ].map((variant) => ({ ...variant, client: [] as number[], both: [] as number[] }));

  /** Runs `n` requests, 64 at a time; CPU µs a request of the client and of both processes. */
  const run = async (variant: (typeof variants)[number], n: number) => {
    const serverBefore = (await ask()).cpu!;
    const before = process.cpuUsage();
    let next = 0;
    const worker = async () => {
      while (next++ < n) await variant.send(variant.pool, `/p/${next}`);
    };
    await Promise.all(Array.from({ length: 64 }, worker));
    const used = process.cpuUsage(before);
    const serverUsed = (await ask()).cpu! - serverBefore;
    const client = (used.user + used.system) / n;
    return { client, both: client + serverUsed / n };
  };

  for (const variant of variants) await run(variant, requests / 4);
  for (let round = 0; round < rounds; round++) {
    for (const variant of variants) {
      const { client, both } = await run(variant, requests);
      variant.client.push(client);
      variant.both.push(both);
    }
  }
  const base = median(variants[0]!.both);
  console.log(
    `\nforwarded requests (6 KB pages), ${requests} a round, 64 in flight, median of ${rounds} rounds:\n`,
  );
  console.log(
    table(
      ['upstream', 'CPU µs a request (client)', '(both processes)', 'vs request() over TCP'],
      variants.map((v) => [
        v.name,
        median(v.client).toFixed(1),
        median(v.both).toFixed(1),
        `${(median(v.both) / base).toFixed(2)}×`,
      ]),
    ),
  );
  await Promise.all(variants.map((v) => v.pool.close()));
  child.kill();
  fs.rmSync(dir, { recursive: true, force: true });
}

if (values.serve) serve(values.serve);
else await main();
