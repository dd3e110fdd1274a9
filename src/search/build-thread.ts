import { spawn, type ChildProcessByStdio } from 'node:child_process';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BaseIndex, type BaseIndexMeta } from './engine/index.js';
import { IndexBuildError } from './errors.js';
import type { LoadedIndex } from './index-loader.js';
import { lowPriorityPrefix } from './low-priority.js';

/** What the build thread is asked to do. */
export interface BuildRequest {
  readonly databaseUrl: string;
  readonly snapshot: string;
  /**
   * `load-or-build`: the snapshot when it still describes the database, else a build (at start).
   * `read-snapshot`: the snapshot as it is, which a rebuild has just written.
   */
  readonly mode: 'load-or-build' | 'read-snapshot';
  /** Run at nice 19 (see `lowerThisThread`), leaving the cores to the query threads. */
  readonly lowPriority: boolean;
}

/** Messages from the build thread. */
export type BuildReply =
  | { readonly type: 'progress'; readonly products: number }
  | ({
      readonly type: 'done';
      readonly buffer: SharedArrayBuffer;
      readonly meta: BaseIndexMeta;
    } & Omit<LoadedIndex, 'index'>)
  | { readonly type: 'failed'; readonly message: string };

/** What the rebuild process is asked to do (a line of JSON on its stdin). */
export interface BuildProcessRequest {
  readonly databaseUrl: string;
  readonly snapshot: string;
  readonly writeBytesPerSecond: number;
  /** Rest between pages of rows (see `BuildOptions.restShare`). */
  readonly restShare: number;
}

/** The rebuild process's messages, one JSON line each on its stdout. */
export type BuildProcessReply =
  | { readonly type: 'progress'; readonly products: number }
  | { readonly type: 'done'; readonly products: number; readonly millis: number }
  | { readonly type: 'failed'; readonly message: string };

/**
 * Loads or builds an index on a thread of its own and hands back the result: the shared buffer
 * crosses without a copy. Rejects if the thread fails, dies or `signal` aborts.
 */
export function buildOnThread(
  request: BuildRequest,
  onProgress?: (products: number) => void,
  signal?: AbortSignal,
): Promise<LoadedIndex> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./build-worker.js', import.meta.url), {
      workerData: request,
    });
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    const abort = () => {
      fail(new IndexBuildError('index build stopped: the daemon is closing'));
      void worker.terminate();
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (reply: BuildReply) => {
      if (reply.type === 'progress') onProgress?.(reply.products);
      else if (reply.type === 'failed')
        fail(new IndexBuildError(`index build failed: ${reply.message}`));
      else {
        settled = true;
        signal?.removeEventListener('abort', abort);
        const { buffer, meta, source, millis, snapshotSkipped, snapshotFailed } = reply;
        resolve({
          index: new BaseIndex(buffer, meta),
          source,
          millis,
          ...(snapshotSkipped !== undefined && { snapshotSkipped }),
          ...(snapshotFailed !== undefined && { snapshotFailed }),
        });
      }
    });
    worker.on('error', (error) =>
      fail(new IndexBuildError('index build thread failed', { cause: error })),
    );
    worker.on('exit', (code) =>
      fail(new IndexBuildError(`index build thread exited (${code}) without an index`)),
    );
  });
}

/**
 * The process that rebuilds the index for `yuletide reindex` (build-process.js), started at the
 * lowest priority and kept for the next rebuild. Start it while the daemon is small: starting a
 * process forks the one that starts it, and forking the daemon once it holds its index (800 MB)
 * held its thread — and, through the memory map lock, the query threads — for 60–70 ms. If it
 * dies, the next rebuild starts another.
 */
export class RebuildProcess {
  #child: ChildProcessByStdio<Writable, Readable, null> | undefined;
  #replies: ((reply: BuildProcessReply | undefined) => void) | undefined;

  /** Starts the process, if it is not running. */
  async start(): Promise<void> {
    if (this.#child !== undefined) return;
    const prefix = await lowPriorityPrefix();
    const script = fileURLToPath(new URL('./build-process.js', import.meta.url));
    const [command, ...args] = [...prefix, process.execPath, script];
    const child = spawn(command!, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.#child = child;
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      let reply: BuildProcessReply;
      try {
        reply = JSON.parse(line) as BuildProcessReply;
      } catch {
        return; // not one of ours (a stray console line)
      }
      this.#replies?.(reply);
    });
    const gone = () => {
      if (this.#child === child) this.#child = undefined;
      this.#replies?.(undefined);
    };
    child.on('error', gone);
    child.on('exit', gone);
    // Writing to a process that has just died fails; its exit says so already.
    child.stdin.on('error', () => undefined);
  }

  /**
   * Builds a new index and writes it to `request.snapshot`; resolves when it is there. Rejects if
   * the build fails, the process dies or `signal` aborts (the process is then stopped).
   */
  async build(
    request: BuildProcessRequest,
    onProgress?: (products: number) => void,
    signal?: AbortSignal,
  ): Promise<{ products: number; millis: number }> {
    await this.start();
    const child = this.#child!;
    return new Promise((resolve, reject) => {
      const abort = () => {
        this.#replies = undefined;
        reject(new IndexBuildError('index build stopped: the daemon is closing'));
        child.kill('SIGKILL');
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.#replies = (reply) => {
        if (reply?.type === 'progress') {
          onProgress?.(reply.products);
          return;
        }
        this.#replies = undefined;
        signal?.removeEventListener('abort', abort);
        if (reply === undefined) {
          reject(new IndexBuildError('index build process exited without an index'));
        } else if (reply.type === 'failed') {
          reject(new IndexBuildError(`index build failed: ${reply.message}`));
        } else resolve(reply);
      };
      // The database URL may hold a password: it goes on stdin, not the command line others can read.
      child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  /** Stops the process. */
  close(): void {
    this.#child?.stdin.end();
    this.#child?.kill('SIGKILL');
    this.#child = undefined;
  }
}
