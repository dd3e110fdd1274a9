import { Worker } from 'node:worker_threads';
import { BaseIndex, type BaseIndexMeta } from './engine/index.js';
import type { LoadedIndex } from './index-loader.js';

/** What the build thread is asked to do. */
export interface BuildRequest {
  readonly databaseUrl: string;
  readonly snapshot: string;
  readonly useSnapshot: boolean;
  /** Nice value for the build thread (0–19); 19 yields the cores to the query threads. */
  readonly niceness: number;
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

/**
 * Loads or builds an index on a thread of its own, at low priority, and hands back the result: the
 * shared buffer crosses without a copy. Rejects if the thread fails or dies.
 */
export function buildOnThread(
  request: BuildRequest,
  onProgress?: (products: number) => void,
): Promise<LoadedIndex> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./build-worker.js', import.meta.url), {
      workerData: request,
    });
    let settled = false;
    worker.on('message', (reply: BuildReply) => {
      if (reply.type === 'progress') onProgress?.(reply.products);
      else if (reply.type === 'failed') {
        settled = true;
        reject(new Error(`index build failed: ${reply.message}`));
      } else {
        settled = true;
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
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`index build thread exited (${code}) without an index`));
    });
  });
}
