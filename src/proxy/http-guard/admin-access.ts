import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may use the operations endpoints and PURGE: a client on the proxy's own host (loopback),
 * or one that sends `Authorization: Bearer <ADMIN_TOKEN>`. The token is compared in constant
 * time (as SHA-256 digests, so its length does not leak either).
 */
export class AdminAccess {
  readonly #token: Buffer | undefined;

  constructor(adminToken: string | undefined) {
    this.#token = adminToken ? digest(adminToken) : undefined;
  }

  allows(req: IncomingMessage): boolean {
    if (isLoopback(req.socket.remoteAddress)) return true;
    const authorization = req.headers.authorization;
    if (this.#token === undefined || !authorization?.startsWith('Bearer ')) return false;
    return timingSafeEqual(digest(authorization.slice(7).trim()), this.#token);
  }
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
