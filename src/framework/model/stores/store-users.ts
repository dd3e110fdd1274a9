import fs from 'node:fs';
import path from 'node:path';

/** The lock file, the one thing in a store's folder that replacing the store keeps. */
export const OPEN_LOCK = 'open.lock';
const USERS = 'users';
/** Polling step while waiting for another process's open to finish. */
const LOCK_POLL_MS = 10;
/** A lock file still empty after this long was left by a process killed while creating it. */
const EMPTY_LOCK_STALE_MS = 5000;

let registrations = 0;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` (the store opens synchronously, so waiting cannot yield). */
export function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * The processes using one LMDB store, recorded beside it: a process that opened the store and
 * found it sound writes `users/<pid>.<n>` holding its start time, and removes it when it closes.
 * A record whose process is gone (or whose pid now belongs to a process started at another time)
 * is stale: its process was killed. Opening is serialised by `open.lock`, so of two processes
 * starting together the second sees the first's record instead of judging the store alone.
 */
export class StoreUsers {
  readonly #dir: string;
  readonly #lockPath: string;
  #record: string | undefined;

  constructor(storePath: string) {
    this.#dir = path.join(storePath, USERS);
    this.#lockPath = path.join(storePath, OPEN_LOCK);
  }

  /**
   * Takes the open lock, waiting up to `waitMs` for a live holder; returns its release. A lock
   * whose holder is dead is taken over. After `waitMs` it goes ahead unlocked: the holder is then
   * stuck, and a stuck opener must not keep this process from starting.
   */
  lock(waitMs: number): () => void {
    const me = `${process.pid} ${startTimeOf(process.pid) ?? ''}`;
    const deadline = performance.now() + waitMs;
    for (;;) {
      try {
        fs.writeFileSync(this.#lockPath, me, { flag: 'wx' });
        return () => this.#unlock(me);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return () => undefined;
      }
      if (this.#lockIsStale()) {
        fs.rmSync(this.#lockPath, { force: true });
        continue;
      }
      if (performance.now() > deadline) return () => undefined;
      sleepSync(LOCK_POLL_MS);
    }
  }

  /** True when a live process has the store open; removes the records of dead ones. */
  hasLiveUser(): boolean {
    let names: string[];
    try {
      names = fs.readdirSync(this.#dir);
    } catch {
      return false;
    }
    let live = false;
    for (const name of names) {
      const file = path.join(this.#dir, name);
      let started: string;
      try {
        started = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      if (isAlive(Number.parseInt(name, 10), started)) live = true;
      else fs.rmSync(file, { force: true });
    }
    return live;
  }

  /** Records this process as a user of the store, until `unregister`. */
  register(): void {
    const name = `${process.pid}.${++registrations}`;
    try {
      fs.mkdirSync(this.#dir, { recursive: true });
      fs.writeFileSync(path.join(this.#dir, name), startTimeOf(process.pid) ?? '');
      this.#record = name;
    } catch {
      // Unrecorded, a later process probes the store before using it: slower, never wrong.
    }
  }

  unregister(): void {
    if (this.#record) fs.rmSync(path.join(this.#dir, this.#record), { force: true });
    this.#record = undefined;
  }

  #unlock(me: string): void {
    try {
      if (fs.readFileSync(this.#lockPath, 'utf8') === me) fs.rmSync(this.#lockPath);
    } catch {
      // Already gone: a replaced store, or a waiter that judged it stale.
    }
  }

  #lockIsStale(): boolean {
    try {
      const holder = fs.readFileSync(this.#lockPath, 'utf8');
      if (holder === '')
        return Date.now() - fs.statSync(this.#lockPath).mtimeMs > EMPTY_LOCK_STALE_MS;
      const [pid = '', started = ''] = holder.split(' ');
      return !isAlive(Number.parseInt(pid, 10), started);
    } catch {
      return false;
    }
  }
}

/**
 * True when process `pid` runs and, where /proc tells, was started at `started` (clock ticks after
 * boot): a recycled pid is another process. A zombie (killed, not yet reaped) is dead.
 */
export function isAlive(pid: number, started: string): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = procStat(pid);
  if (!stat) return true;
  return stat.state !== 'Z' && (started === '' || stat.started === started);
}

/** A process's start time in clock ticks after boot, from /proc; undefined where there is none. */
export function startTimeOf(pid: number): string | undefined {
  return procStat(pid)?.started;
}

function procStat(pid: number): { state: string; started: string } | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const started = fields[19];
  return state && started ? { state, started } : undefined;
}
