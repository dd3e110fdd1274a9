// The thread behind `password-hash.ts`: scrypt, one hash at a time, at a low priority.
import { scryptSync } from 'node:crypto';
import { workerData } from 'node:worker_threads';
import { lowerThisThread, serveCalls } from '../../shared/index.js';

/** One key derivation, as `password-hash.ts` posts it. */
export interface DeriveRequest {
  readonly password: string;
  readonly salt: Uint8Array;
  readonly keyBytes: number;
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly maxmem: number;
}

lowerThisThread((workerData as { nice: number }).nice);
serveCalls(({ password, salt, keyBytes, N, r, p, maxmem }: DeriveRequest): Uint8Array =>
  scryptSync(password, salt, keyBytes, { N, r, p, maxmem }),
);
