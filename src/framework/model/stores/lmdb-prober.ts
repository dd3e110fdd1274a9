import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROBE_CHILD } from './lmdb-probe-child.js';
import { isAlive, sleepSync } from './store-users.js';

/**
 * What probing a store found: `sound`; `broken` (not LMDB, or reading it failed or crashed the
 * reader); `hung` (the probe began and did not finish in time); `unprobed` (no probe child took it
 * up in time: on a loaded host, starting one can take longer than the whole allowance).
 */
export type ProbeVerdict = 'sound' | 'broken' | 'hung' | 'unprobed';

/** Polling step for the child's answers (the caller opens synchronously, so it cannot await them). */
const POLL_MS = 2;

/**
 * Opens and reads LMDB stores in a child process, so that a store which hangs or crashes whoever
 * reads it cannot take this process with it. Starting a child is most of a probe's cost (node and
 * the lmdb package: ~130 ms of CPU, which a host at load average 10 on 2 cores stretched to 1.7 s;
 * the probe itself takes a few ms), so the child is kept for the next probe (it exits when idle),
 * also when it did not start in time for this one. One that answered `broken`, crashed or hung is
 * killed.
 */
class Prober {
  #child: ChildProcess | undefined;
  /** A deleted temporary file the child appends its answers to; read by position. */
  #answers = -1;
  #read = 0;
  #requests = 0;

  /** Probes `storePath`, with an answer due within `timeoutMs`. */
  probe(storePath: string, timeoutMs: number): ProbeVerdict {
    const deadline = performance.now() + timeoutMs;
    const kept = this.#child;
    if (kept) {
      if (isAlive(kept.pid ?? 0, '')) {
        const verdict = this.#ask(kept, storePath, deadline);
        // Unless it exited (idle) just as it was asked: then a new child is asked.
        if (verdict !== 'unprobed' || this.#child === kept) return verdict;
      } else {
        this.#discard('unprobed');
      }
    }
    const child = this.#start();
    return child ? this.#ask(child, storePath, deadline) : 'unprobed';
  }

  #ask(child: ChildProcess, storePath: string, deadline: number): ProbeVerdict {
    if (!child.pid || !child.stdin) return this.#discard('unprobed');
    const id = ++this.#requests;
    // A short write to an idle pipe is made at once, not queued for the event loop (libuv tries
    // the write first), so the child gets it while this thread blocks below.
    child.stdin.write(`${JSON.stringify({ id, path: storePath })}\n`);
    let probing = false;
    for (;;) {
      // Looked at before the answers, so that a child found dead has written all it ever will.
      const alive = isAlive(child.pid, '');
      for (const answer of this.#answersSoFar()) {
        if (answer === `${id} start`) probing = true;
        else if (answer === `${id} sound`) return 'sound';
        else if (answer === `${id} broken`) return this.#discard('broken');
      }
      // Crashed (a store can do that to its reader) or failed to start: no answer is coming.
      if (!alive) return this.#discard(probing ? 'broken' : 'unprobed');
      // A child still starting is kept: it will answer this request late (ignored) and the
      // next one at once.
      if (performance.now() > deadline) return probing ? this.#discard('hung') : 'unprobed';
      sleepSync(POLL_MS);
    }
  }

  #start(): ChildProcess | undefined {
    const file = path.join(os.tmpdir(), `yuletide-lmdb-probe-${process.pid}-${Date.now()}`);
    try {
      this.#answers = fs.openSync(file, 'w+');
      fs.rmSync(file);
      this.#read = 0;
      const child = spawn(process.execPath, [PROBE_CHILD], {
        stdio: ['pipe', 'ignore', 'ignore', this.#answers],
      });
      child.on('error', () => undefined);
      child.stdin?.on('error', () => undefined);
      // Neither the child nor the pipe to it keeps this process alive.
      child.unref();
      (child.stdin as { unref?: () => void } | null)?.unref?.();
      child.once('exit', () => {
        if (this.#child === child) this.#forget();
      });
      this.#child = child;
      return child;
    } catch {
      this.#forget();
      return undefined;
    }
  }

  /** Complete lines the child wrote since the last call. */
  #answersSoFar(): string[] {
    const buffer = Buffer.alloc(4096);
    const bytes = fs.readSync(this.#answers, buffer, 0, buffer.length, this.#read);
    const text = buffer.toString('utf8', 0, bytes);
    const end = text.lastIndexOf('\n');
    if (end < 0) return [];
    this.#read += Buffer.byteLength(text.slice(0, end + 1));
    return text.slice(0, end).split('\n');
  }

  #discard(verdict: ProbeVerdict): ProbeVerdict {
    this.#child?.kill('SIGKILL');
    this.#forget();
    return verdict;
  }

  #forget(): void {
    if (this.#answers >= 0) fs.closeSync(this.#answers);
    this.#answers = -1;
    this.#child = undefined;
  }
}

const prober = new Prober();
/** MDB_MAGIC (0xBEEFC0DE), which opens an LMDB data file's first meta page, in either byte order. */
const MAGIC = [Buffer.from('dec0efbe', 'hex'), Buffer.from('beefc0de', 'hex')];

/** Probes the LMDB store at `storePath` within `timeoutMs`. A folder without a store yet is sound. */
export function probeStore(storePath: string, timeoutMs: number): ProbeVerdict {
  const file = path.join(storePath, 'data.mdb');
  if (!fs.existsSync(file)) return 'sound';
  // A file that is not LMDB at all needs no child to tell: this costs microseconds, a child start
  // ~130 ms of CPU.
  if (!startsLikeLmdb(file)) return 'broken';
  return prober.probe(storePath, timeoutMs);
}

function startsLikeLmdb(file: string): boolean {
  const head = Buffer.alloc(64);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const bytes = fs.readSync(fd, head, 0, head.length, 0);
    return MAGIC.some((magic) => head.subarray(0, bytes).includes(magic));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
