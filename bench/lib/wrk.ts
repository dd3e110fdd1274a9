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
}

/**
 * Runs wrk against `url` for `seconds`; `paths` (optional) are requested at random, one per request.
 * Latency percentiles come from wrk's own histogram through a Lua `done` hook.
 */
export function wrk(
  url: string,
  options: { seconds: number; connections: number; threads?: number; paths?: readonly string[] },
): WrkResult {
  ensureCommand('wrk');
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-wrk-')), 'script.lua');
  const paths = options.paths ?? [];
  fs.writeFileSync(
    script,
    `local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
request = function()
  if #paths == 0 then return wrk.format(nil) end
  return wrk.format(nil, paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f %f %d %d\\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
`,
  );
  const output = execFileSync(
    'wrk',
    [
      '-t',
      String(options.threads ?? 1),
      '-c',
      String(options.connections),
      '-d',
      `${options.seconds}s`,
      '-s',
      script,
      url,
    ],
    { encoding: 'utf8' },
  );
  const match = /RESULT (\S+) (\S+) (\S+) (\d+) (\d+)/.exec(output);
  if (!match) throw new Error(`could not read wrk's output:\n${output}`);
  return {
    requestsPerSecond: Number(match[1]),
    p50Ms: Number(match[2]),
    p99Ms: Number(match[3]),
    non2xx: Number(match[4]),
    socketErrors: Number(match[5]),
  };
}
