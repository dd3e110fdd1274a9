// The thread behind `password-hash.ts`: one hash at a time, at a low priority.
import { scryptSync } from 'node:crypto';
import { workerData } from 'node:worker_threads';
import { hashSync, verifySync } from '@node-rs/argon2';
import { lowerThisThread, serveCalls } from '../../shared/index.js';

/** Argon2id's costs, as the PHC string records them (`m` in KiB). */
export interface Argon2Costs {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** One job, as `password-hash.ts` posts it; the answer's type follows `kind`. */
export type HashJob =
  /** A new hash: answers its PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`). */
  | { readonly kind: 'argon2id'; readonly password: string; readonly costs: Argon2Costs }
  /** Whether `password` matches a stored argon2id PHC string. */
  | { readonly kind: 'argon2id-verify'; readonly password: string; readonly stored: string }
  /** An scrypt key, for hashes stored before argon2id: answers its bytes. */
  | {
      readonly kind: 'scrypt';
      readonly password: string;
      readonly salt: Uint8Array;
      readonly keyBytes: number;
      readonly N: number;
      readonly r: number;
      readonly p: number;
      readonly maxmem: number;
    };

export type HashAnswer = string | boolean | Uint8Array;

lowerThisThread((workerData as { nice: number }).nice);
serveCalls((job: HashJob): HashAnswer => {
  switch (job.kind) {
    case 'argon2id':
      // The library's default algorithm is argon2id (its enum is a const enum, not importable).
      return hashSync(job.password, job.costs);
    case 'argon2id-verify':
      return verifySync(job.stored, job.password);
    case 'scrypt': {
      const { password, salt, keyBytes, N, r, p, maxmem } = job;
      return scryptSync(password, salt, keyBytes, { N, r, p, maxmem });
    }
  }
});
