import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker, parentPort } from 'node:worker_threads';

/** A call as `ThreadCalls` posts it, and its answer as `serveCalls` posts it back. */
interface CallMessage<Q> {
  readonly id: number;
  readonly request: Q;
}
type ReplyMessage<R> =
  { readonly id: number; readonly result: R } | { readonly id: number; readonly error: string };

/**
 * Calls into a worker thread (the module at `url`, which answers with `serveCalls`). The thread
 * starts on the first call and keeps the process alive only while a call is out. A thread that
 * dies fails the calls it held, with `error`; the next call starts another.
 */
export class ThreadCalls<Q, R> {
  readonly #url: URL;
  readonly #workerData: unknown;
  readonly #error: (message: string) => Error;
  #worker: Worker | undefined;
  readonly #pending = new Map<
    number,
    { resolve: (result: R) => void; reject: (e: Error) => void }
  >();
  #next = 0;

  constructor(url: URL, options: { workerData?: unknown; error: (message: string) => Error }) {
    this.#url = url;
    this.#workerData = options.workerData;
    this.#error = options.error;
  }

  /** Calls posted and not yet answered. */
  get pending(): number {
    return this.#pending.size;
  }

  call(request: Q): Promise<R> {
    const worker = (this.#worker ??= this.#start());
    const id = this.#next++;
    if (this.#pending.size === 0) worker.ref();
    return new Promise<R>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, request } satisfies CallMessage<Q>);
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
    this.#failAll(this.#error('the thread was closed'));
  }

  #start(): Worker {
    const worker = new Worker(this.#url, { workerData: this.#workerData });
    worker.on('message', (reply: ReplyMessage<R>) => {
      const waiting = this.#pending.get(reply.id);
      if (!waiting) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      if ('result' in reply) waiting.resolve(reply.result);
      else waiting.reject(this.#error(reply.error));
    });
    // A dead thread fails what it held once ('error' is followed by 'exit'), and never the
    // calls of the thread started after it.
    const fail = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#failAll(error);
    };
    worker.on('error', (error: Error) => fail(this.#error(error.message)));
    worker.on('exit', (code) => fail(this.#error(`the thread exited (${code})`)));
    return worker;
  }

  #failAll(error: Error): void {
    for (const waiting of this.#pending.values()) waiting.reject(error);
    this.#pending.clear();
  }
}

/** In a `ThreadCalls` thread: answers each call with `handle`'s result, or its error's message. */
export function serveCalls<Q, R>(handle: (request: Q) => R): void {
  const port = parentPort!;
  port.on('message', ({ id, request }: CallMessage<Q>) => {
    let reply: ReplyMessage<R>;
    try {
      reply = { id, result: handle(request) };
    } catch (error) {
      reply = { id, error: (error as Error).message };
    }
    port.postMessage(reply);
  });
}

/**
 * Lowers the calling thread to `nice` (0–19). Linux schedules each thread on its own
 * (/proc/thread-self names this one), so a lowered thread takes the cores' spare time first, not
 * the share of the event loops that answer everyone else. Elsewhere, or where not allowed, the
 * thread keeps its priority.
 */
export function lowerThisThread(nice: number): void {
  if (nice <= 0) return;
  try {
    os.setPriority(Number(path.basename(fs.readlinkSync('/proc/thread-self'))), nice);
  } catch {
    // Not Linux, or not allowed: run at the process's priority.
  }
}
