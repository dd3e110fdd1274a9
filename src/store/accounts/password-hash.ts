import { randomBytes, timingSafeEqual } from 'node:crypto';
import { BusyError, ThreadCalls } from '../../shared/index.js';
import type { Argon2Costs, HashAnswer, HashJob } from './password-hash-worker.js';

/**
 * Argon2id at OWASP's first recommendation (19 MiB, 2 passes, 1 lane): 10–30 ms of a core here,
 * where scrypt at OWASP's N=2^17 took 380 ms for the same standing (docs/decisions.md).
 */
const ARGON2ID: Argon2Costs = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
/** What every hash made with today's costs begins with; any other is redone at the next login. */
const CURRENT = `$argon2id$v=19$m=${ARGON2ID.memoryCost},t=${ARGON2ID.timeCost},p=${ARGON2ID.parallelism}$`;
const ARGON2ID_PHC =
  /^\$argon2id\$v=19\$m=\d{1,10},t=\d{1,10},p=\d{1,3}\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;
/** Hashes stored before argon2id: `scrypt$N$r$p$salt$key`, base64url. */
const SCRYPT_MAXMEM = 256 * 1024 * 1024;
const SCRYPT_KEY_BYTES = 32;
/**
 * Hashes run on one thread of their own at this priority (Linux nice): page views must not
 * queue behind them; at nice 19 a hash takes the cores' spare time, and about a seventieth of
 * a busy core's share (docs/decisions.md).
 */
const HASHING_NICE = 19;
/**
 * Hashes in hand at most (the one running and those queued behind it); more are refused with a
 * 503 rather than kept waiting for many seconds.
 */
const MAX_PENDING = 16;

const hashing = new ThreadCalls<HashJob, HashAnswer>(
  new URL('./password-hash-worker.js', import.meta.url),
  {
    workerData: { nice: HASHING_NICE },
    error: (message) => new Error(`password hashing failed: ${message}`),
  },
);

function run(job: HashJob): Promise<HashAnswer> {
  if (hashing.pending >= MAX_PENDING) {
    throw new BusyError('Too many people are signing in at once. Please try again in a minute.');
  }
  return hashing.call(job);
}

/** A self-describing hash (PHC string), so the costs can rise later without breaking old ones. */
export async function hashPassword(password: string): Promise<string> {
  const stored = await run({
    kind: 'argon2id',
    password: password.normalize('NFKC'),
    costs: ARGON2ID,
  });
  return String(stored);
}

/** True when `password` matches `stored` (argon2id, or scrypt from before); in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  password = password.normalize('NFKC');
  if (ARGON2ID_PHC.test(stored)) {
    return (await run({ kind: 'argon2id-verify', password, stored })) === true;
  }
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const answer = await run({
    kind: 'scrypt',
    password,
    salt: Buffer.from(salt, 'base64url'),
    keyBytes: SCRYPT_KEY_BYTES,
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT_MAXMEM,
  });
  const actual = answer as Uint8Array;
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True when `stored` was made with other costs than today's: hash the password again at login. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(CURRENT);
}

let decoy: Promise<string> | undefined;

/** A hash of nothing anyone knows, verified against when an email is unknown so both cases cost the same. */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
