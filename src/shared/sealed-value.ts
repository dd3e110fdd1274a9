import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Why a sealed value could not be opened. */
export type UnsealFailure = 'tampered' | 'expired';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 256-bit key derived from the site secret for one purpose, so keys for different uses differ. */
export function sealingKey(secret: string, purpose: string): Buffer {
  return createHash('sha256').update(`yuletide:${purpose}:${secret}`).digest();
}

/**
 * Encrypts `payload` with AES-256-GCM for a form field or URL (the paper's `Crypt::` state): bound
 * to `context` (e.g. the session id) as associated data and carrying its expiry, so it cannot be
 * read, changed, moved to another session or used late.
 */
export function seal(key: Buffer, payload: unknown, context: string, expiresAt: number): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([
    cipher.update(JSON.stringify({ e: expiresAt, p: payload })),
    cipher.final(),
  ]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The payload of a sealed value for `context`, or why not: tampered (or another context's), or expired. */
export function unseal(
  key: Buffer,
  sealed: string,
  context: string,
  now = Date.now(),
): { ok: true; payload: unknown } | { ok: false; reason: UnsealFailure } {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < IV_BYTES + TAG_BYTES + 2) return { ok: false, reason: 'tampered' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    const { e, p } = JSON.parse(plain.toString()) as { e: number; p: unknown };
    return e < now ? { ok: false, reason: 'expired' } : { ok: true, payload: p };
  } catch {
    return { ok: false, reason: 'tampered' };
  }
}
