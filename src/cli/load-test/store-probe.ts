import fs from 'node:fs';
import { request } from 'undici';
import { PostgresCpu } from './postgres-cpu.js';

/** A process of the store, as the proxy's `/__status` lists it. */
export interface StoreProcess {
  readonly role: string;
  readonly pid: number;
  readonly port: number;
  readonly url: string | undefined;
  /** "proxy", "app 1", "app 2", "search": how reports name it. */
  readonly name: string;
}

/** Object-cache lookups summed over every app server, by tier and result. */
export interface ObjectCacheCounts {
  memoryHits: number;
  memoryMisses: number;
  lmdbHits: number;
  lmdbMisses: number;
  databaseLoads: number;
  /** App servers that answered `/__metrics`. */
  servers: number;
}

/**
 * Linux counts process CPU in clock ticks of 1/USER_HZ s, which is 100 on every mainstream
 * architecture (the kernel's ABI; sysconf(_SC_CLK_TCK) is not reachable from Node).
 */
const TICKS_PER_SECOND = 100;

/** How reports name PostgreSQL's processes, summed. */
export const POSTGRES = 'postgres';

const LOOKUP =
  /^yuletide_object_cache_lookups_total\{[^}]*tier="([^"]+)",result="([^"]+)"\} (\S+)$/gm;

/**
 * Reads the store from outside: its processes from the proxy's `/__status` (JSON), each app
 * server's object-cache counters from its `/__metrics`, and — when the store runs on this host —
 * each process's CPU time from /proc.
 */
export class StoreProbe {
  readonly #base: string;
  readonly #authorization: Record<string, string>;
  readonly #local: boolean;
  readonly #postgres = new PostgresCpu(processCpuMs);
  processes: readonly StoreProcess[] = [];

  /** `local`: the store runs on this host (a loopback URL), so its pids are ours to read in /proc. */
  constructor(base: string, options: { adminToken?: string | undefined; local: boolean }) {
    this.#base = base;
    this.#authorization = options.adminToken
      ? { authorization: `Bearer ${options.adminToken}` }
      : {};
    this.#local = options.local;
  }

  /** Lists the store's processes; an empty list when `/__status` does not answer (not loopback, no token). */
  async listProcesses(): Promise<readonly StoreProcess[]> {
    try {
      const response = await request(new URL('/__status', this.#base), {
        headers: { accept: 'application/json', ...this.#authorization },
        headersTimeout: 5_000,
        bodyTimeout: 5_000,
      });
      if (response.statusCode !== 200) {
        await response.body.dump();
        return (this.processes = []);
      }
      const status = (await response.body.json()) as {
        processes?: { role: string; pid: number; port: number; url?: string }[];
      };
      const apps = { n: 0 };
      this.processes = (status.processes ?? []).map((p) => ({
        role: p.role,
        pid: p.pid,
        port: p.port,
        url: p.url,
        name: p.role === 'app' ? `app ${++apps.n}` : p.role,
      }));
    } catch {
      this.processes = [];
    }
    return this.processes;
  }

  /** The object-cache counters of every app server now; undefined when none answered. */
  async objectCache(): Promise<ObjectCacheCounts | undefined> {
    const counts: ObjectCacheCounts = {
      memoryHits: 0,
      memoryMisses: 0,
      lmdbHits: 0,
      lmdbMisses: 0,
      databaseLoads: 0,
      servers: 0,
    };
    await Promise.all(
      this.processes
        .filter((p) => p.role === 'app' && p.url !== undefined)
        .map(async (p) => {
          try {
            // Generous: an app server stalled by the load answers late, and its counters still count.
            const response = await request(new URL('/__metrics', p.url), {
              headersTimeout: 20_000,
              bodyTimeout: 20_000,
            });
            const text = await response.body.text();
            if (response.statusCode !== 200) return;
            counts.servers++;
            for (const [, tier, result, value] of text.matchAll(LOOKUP)) {
              const n = Number(value);
              if (tier === 'memory') counts[result === 'hit' ? 'memoryHits' : 'memoryMisses'] += n;
              else if (tier === 'lmdb') counts[result === 'hit' ? 'lmdbHits' : 'lmdbMisses'] += n;
              else if (tier === 'database') counts.databaseLoads += n;
            }
          } catch {
            // An app server that does not answer is left out; `servers` says how many did.
          }
        }),
    );
    return counts.servers === 0 ? undefined : counts;
  }

  /**
   * CPU time (user + system) of each listed process so far, ms, by name, and of PostgreSQL on
   * this host as `postgres` when it runs here; empty off this host.
   */
  cpuTimes(): Record<string, number> {
    const times: Record<string, number> = {};
    if (!this.#local) return times;
    for (const p of this.processes) {
      const ms = processCpuMs(p.pid);
      if (ms !== undefined) times[p.name] = ms;
    }
    const postgres = this.#postgres.read();
    if (postgres !== undefined) times[POSTGRES] = postgres;
    return times;
  }
}

/** CPU used between two `cpuTimes()` readings, ms, by name: the processes present in both. */
export function cpuSince(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  const used: Record<string, number> = {};
  for (const [name, ms] of Object.entries(after)) {
    const then = before[name];
    if (then !== undefined) used[name] = ms - then;
  }
  return used;
}

/** A process's CPU time (all its threads), ms, from /proc/<pid>/stat; undefined when unreadable. */
export function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return Number.isFinite(utime + stime) ? ((utime + stime) * 1000) / TICKS_PER_SECOND : undefined;
}

/** CPU time of the whole machine so far: busy and total, ms, from /proc/stat; undefined off Linux. */
export function machineCpuMs(): { busy: number; total: number } | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'latin1').split('\n', 1)[0]!;
    const ticks = line.trim().split(/\s+/).slice(1).map(Number);
    const total = ticks.reduce((sum, n) => sum + n, 0);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return {
      busy: ((total - idle) * 1000) / TICKS_PER_SECOND,
      total: (total * 1000) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined;
  }
}
