import { randomBytes, timingSafeEqual } from 'node:crypto';
import { BusyError, ThreadCalls } from '../../shared/index.js';
import type { DeriveRequest } from './password-hash-worker.js';

/**
 * scrypt at OWASP's recommended cost (N=2^17, r=8, p=1: 128 MiB a hash). Node's default `maxmem`
 * (32 MiB) is below what that needs, so it is raised with headroom.
 */
const PARAMS = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 } as const;
const KEY_BYTES = 32;
/**
 * Hashes run on one thread of their own at this priority (Linux nice): each is a few hundred
 * milliseconds of a core, which page views must not queue behind; at nice 19 a hash takes the
 * cores' spare time, and about a seventieth of a busy core's share (docs/decisions.md).
 */
const HASHING_NICE = 19;
/**
 * Hashes in hand at most (the one running and those queued behind it); more are refused with a
 * 503 rather than kept waiting for many seconds.
 */
const MAX_PENDING = 16;

const hashing = new ThreadCalls<DeriveRequest, Uint8Array>(
  new URL('./password-hash-worker.js', import.meta.url),
  {
    workerData: { nice: HASHING_NICE },
    error: (message) => new Error(`password hashing failed: ${message}`),
  },
);

async function derive(
  password: string,
  salt: Buffer,
  params: Pick<DeriveRequest, 'N' | 'r' | 'p'>,
): Promise<Buffer> {
  if (hashing.pending >= MAX_PENDING) {
    throw new BusyError('Too many people are signing in at once. Please try again in a minute.');
  }
  const key = await hashing.call({
    password: password.normalize('NFKC'),
    salt,
    keyBytes: KEY_BYTES,
    maxmem: PARAMS.maxmem,
    ...params,
  });
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength);
}

/** A self-describing hash: `scrypt$N$r$p$salt$key`, so the cost can rise later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return [
    'scrypt',
    PARAMS.N,
    PARAMS.r,
    PARAMS.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** True when `password` matches `stored`; compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let decoy: Promise<string> | undefined;

/** A hash of nothing anyone knows, verified against when an email is unknown so both cases cost the same. */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
