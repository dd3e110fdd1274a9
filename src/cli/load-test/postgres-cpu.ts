import fs from 'node:fs';

/** How often the process list is read again for new backends, ms. */
const RESCAN_MS = 5_000;

/**
 * CPU time of PostgreSQL on this host: every process named `postgres` (the postmaster, its
 * backends, the WAL writer, autovacuum…), summed. Its backends are not the store's children and
 * do not appear in `/__status`, yet on a PostgreSQL run they are a tier of the store. The total
 * only grows: a backend that exits keeps what it used, one that starts counts from when it is
 * first seen (its process list is read again every five seconds).
 */
export class PostgresCpu {
  readonly #list: () => number[];
  readonly #cpuMs: (pid: number) => number | undefined;
  readonly #seen = new Map<number, number>();
  #pids: number[] = [];
  #scannedAt = -Infinity;
  #total = 0;

  constructor(
    cpuMs: (pid: number) => number | undefined,
    list: () => number[] = () => processesNamed('postgres'),
  ) {
    this.#cpuMs = cpuMs;
    this.#list = list;
  }

  /** CPU time so far, ms; undefined while no PostgreSQL process has been seen. */
  read(now = performance.now()): number | undefined {
    if (now - this.#scannedAt >= RESCAN_MS) {
      this.#pids = this.#list();
      this.#scannedAt = now;
    }
    for (const pid of this.#pids) {
      const ms = this.#cpuMs(pid);
      if (ms === undefined) continue;
      const last = this.#seen.get(pid);
      if (last !== undefined && ms > last) this.#total += ms - last;
      this.#seen.set(pid, ms);
    }
    return this.#seen.size === 0 ? undefined : this.#total;
  }
}

/** Pids of the processes whose command name is `name`, from /proc; none off Linux. */
function processesNamed(name: string): number[] {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (entry.charCodeAt(0) < 48 || entry.charCodeAt(0) > 57) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'latin1').trimEnd() === name) pids.push(+entry);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}
