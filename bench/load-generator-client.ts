// The load generator's HTTP client: CPU per request of the client `yuletide bench` uses
// (Http1ConnectionPool) next to undici's Pool used the way bench used it before (object headers,
// 512 connections, dispatch with a handler of our own) and tuned (header arrays, 64 connections),
// against the stub store in its own process. Requests are sent at a steady rate, as shoppers send
// them (not as fast as possible, which would batch reads and hide the per-request cost); rounds
// are interleaved and the medians printed. Run under `flock /tmp/bench.lock` on a shared machine:
// npm run build && node dist/bench/load-generator-client.js [--rate 7000] [--seconds 5] [--rounds 3]
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
// The cli tier has no public index (its face is the command line); this measures its insides.
// eslint-disable-next-line yuletide/tier-boundaries
import { Http1ConnectionPool } from '../src/cli/load-test/http1-connection-pool.js';
// eslint-disable-next-line yuletide/tier-boundaries
import { forkStubStore } from '../src/cli/load-test/stub-store.js';
import { count, median, table } from './lib/measure.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '7000' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);

const store = await forkStubStore({ products: 1_000_000 });
const cookie = `yt_sid=${'s'.repeat(43)}.${'m'.repeat(43)}; yt_csrf=${'t'.repeat(43)}`;
const ACCEPT = 'text/html,application/xhtml+xml,*/*;q=0.8';
const AGENT = 'yuletide-bench/1 (load test)';

interface Client {
  send(path: string, done: (status: number) => void): void;
  close(): Promise<void>;
}

function undici(connections: number, arrays: boolean): Client {
  const pool = new Pool(store.url, { connections, pipelining: 1 });
  const headers = arrays
    ? ['accept', ACCEPT, 'user-agent', AGENT, 'cookie', cookie]
    : { accept: ACCEPT, 'user-agent': AGENT, cookie };
  const send: Client['send'] = (path, done) => {
    let status = 0;
    pool.dispatch(
      { method: 'GET', path, headers },
      {
        onRequestStart() {},
        onResponseStart(_controller, statusCode) {
          status = statusCode;
        },
        onResponseData() {},
        onResponseEnd: () => done(status),
        onResponseError: () => done(0),
      },
    );
  };
  return { send, close: () => pool.destroy() };
}

function http1(): Client {
  const pool = new Http1ConnectionPool(store.url, { connections: 512, timeoutMs: 30_000 });
  const headerLines = `accept: ${ACCEPT}\r\nuser-agent: ${AGENT}\r\ncookie: ${cookie}\r\n`;
  return {
    send: (path, done) =>
      pool.send({ method: 'GET', path, headerLines, keepBody: false }, (_error, reply) =>
        done(reply?.status ?? 0),
      ),
    close: () => pool.destroy(),
  };
}

/** Sends `rate` requests a second for `seconds`; resolves with µs of this process's CPU per request. */
async function paced(client: Client): Promise<number> {
  const total = Math.round(rate * seconds);
  let sent = 0;
  let answered = 0;
  let failed = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const done = (status: number) => {
      if (status !== 200) failed++;
      if (++answered === total) resolve();
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000));
      for (; sent < due; sent++) client.send(`/p/${((sent * 7919) % 1_000_000) + 1}`, done);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  const used = process.cpuUsage(cpu);
  if (failed > 0) throw new Error(`${failed} requests failed`);
  return (used.user + used.system) / total;
}

const variants: [string, () => Client][] = [
  ['undici Pool, as bench used it (object headers, 512 connections)', () => undici(512, false)],
  ['undici Pool, tuned (header arrays, 64 connections)', () => undici(64, true)],
  ['Http1ConnectionPool (512 connections)', http1],
];
const results = new Map<string, number[]>(variants.map(([name]) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, make] of variants) {
    const client = make();
    await paced(client); // warm: connections open, code optimised
    results.get(name)!.push(await paced(client));
    await client.close();
  }
}
await store.stop();
console.log(
  `${count(rate)} requests/s of 6 KB product pages for ${seconds} s, ${rounds} interleaved rounds`,
);
console.log(
  table(
    ['client', 'CPU µs/request (median)', 'rounds'],
    variants.map(([name]) => {
      const runs = results.get(name)!;
      return [name, median(runs).toFixed(1), runs.map((us) => us.toFixed(1)).join(' ')];
    }),
  ),
);
process.exit(0);
