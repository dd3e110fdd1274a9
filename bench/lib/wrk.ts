import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Installs a Debian package when its command is missing (benchmarks only; never the tests). */
export function ensureCommand(command: string, debianPackage = command): void {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status === 0) return;
  console.log(`installing ${debianPackage} (Debian package) for this benchmark…`);
  execFileSync('sh', ['-c', `apt-get update -qq && apt-get install -y -qq ${debianPackage}`], {
    stdio: 'inherit',
  });
}

export interface WrkResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly socketErrors: number;
  /**
   * CPU time (user + system) the `cpuOf` processes spent per request, in µs: a figure that holds
   * up on a shared machine better than requests per second. NaN when not measured.
   */
  readonly cpuMicrosPerRequest: number;
}

export interface WrkOptions {
  readonly seconds: number;
  readonly connections: number;
  /** wrk threads. Default 1. */
  readonly threads?: number;
  /** Paths asked, one per request; none: the URL's own path every time. */
  readonly paths?: readonly string[];
  /** `random` (default): any of `paths` each time; `sequential`: in order, round and round. */
  readonly order?: 'random' | 'sequential';
  /**
   * A query parameter added to every request with a running number (`miss=run1` asks
   * `…?miss=run1-1-17`: thread 1, request 17), so no URL is asked twice: a run of cache misses.
   * Give each run its own, since a cache remembers the URLs of the runs before.
   */
  readonly uniqueQuery?: string;
  /** Request header lines, `Name: value` (a returning browser's `Cookie: yt_sid=…`). */
  readonly headers?: readonly string[];
  /** Processes whose CPU time is measured over the run (the server under test; Linux only). */
  readonly cpuOf?: readonly number[];
}

/** Seconds of CPU (user + system) each of `pids` has used, from /proc; NaN for one that cannot be read. */
export function cpuSeconds(pids: readonly number[]): number[] {
  return pids.map((pid) => {
    try {
      // Fields after the command name: utime and stime are the 12th and 13th (proc(5)).
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // USER_HZ is 100 on every Linux build that matters here.
      return (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return Number.NaN;
    }
  });
}

/**
 * Waits until `pids` together use less than 5 % of a core over half a second (at most `maxMs`):
 * the work a run leaves behind — a cache's disk writes, the garbage of thousands of stored pages
 * — is then not counted against the run after it.
 */
export async function settle(pids: readonly number[], maxMs = 15_000): Promise<void> {
  const deadline = performance.now() + maxMs;
  while (performance.now() < deadline) {
    const before = cpuSeconds(pids);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const used = cpuUsed(before, cpuSeconds(pids));
    if (!(used >= 0.025)) return; // NaN off Linux: nothing to wait for
  }
}

/**
 * CPU seconds used between two `cpuSeconds` readings, by the processes read both times (nginx's
 * cache loader exits after a minute); NaN when there are none (not Linux).
 */
function cpuUsed(before: readonly number[], after: readonly number[]): number {
  let used = Number.NaN;
  before.forEach((start, i) => {
    const end = after[i]!;
    if (Number.isFinite(start) && Number.isFinite(end))
      used = (Number.isNaN(used) ? 0 : used) + end - start;
  });
  return used;
}

/**
 * Runs wrk against `url` for `seconds`. Latency percentiles come from wrk's own histogram
 * through a Lua `done` hook.
 */
export function wrk(url: string, options: WrkOptions): WrkResult {
  ensureCommand('wrk');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-wrk-'));
  try {
    const script = path.join(dir, 'script.lua');
    fs.writeFileSync(script, luaScript(options));
    const args = ['-t', String(options.threads ?? 1), '-c', String(options.connections)];
    args.push('-d', `${options.seconds}s`);
    for (const header of options.headers ?? []) args.push('-H', header);
    const cpuBefore = cpuSeconds(options.cpuOf ?? []);
    const output = execFileSync('wrk', [...args, '-s', script, url], { encoding: 'utf8' });
    const cpu = cpuUsed(cpuBefore, cpuSeconds(options.cpuOf ?? []));
    const match = /RESULT (\S+) (\S+) (\S+) (\d+) (\d+) (\d+)/.exec(output);
    if (!match) throw new Error(`could not read wrk's output:\n${output}`);
    const requests = Number(match[6]);
    return {
      requestsPerSecond: Number(match[1]),
      p50Ms: Number(match[2]),
      p99Ms: Number(match[3]),
      non2xx: Number(match[4]),
      socketErrors: Number(match[5]),
      cpuMicrosPerRequest: requests > 0 ? (cpu / requests) * 1e6 : Number.NaN,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The Lua script: which path each request asks, and the result line wrk prints at the end. */
function luaScript(options: WrkOptions): string {
  const paths = options.paths ?? [];
  const pick =
    options.order === 'sequential'
      ? 'n = n + 1\n  local p = paths[1 + (n - 1) % #paths]'
      : 'n = n + 1\n  local p = paths[math.random(#paths)]';
  const unique = options.uniqueQuery
    ? `p = p .. (string.find(p, "?", 1, true) and "&" or "?") .. ${JSON.stringify(`${options.uniqueQuery}-`)} .. id .. "-" .. n`
    : '';
  // Each wrk thread runs its own Lua state: `setup` numbers them so their running numbers differ.
  return `local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
local n = 0
request = function()
  if #paths == 0 then return wrk.format(nil) end
  ${pick}
  ${unique}
  return wrk.format(nil, p)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f %f %d %d %d\\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests))
end
`;
}
