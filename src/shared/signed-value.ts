import { createHmac, timingSafeEqual } from 'node:crypto';

/** `value.mac`, where mac is HMAC-SHA256 of the value under `secret`, base64url. */
export function sign(secret: string, value: string): string {
  return `${value}.${mac(secret, value)}`;
}

/** The value of a string made by `sign` under `secret`, or undefined when the MAC does not match. */
export function verify(secret: string, signed: string): string | undefined {
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(secret, value), 'base64url');
  // Constant time, so the MAC cannot be guessed a byte at a time from response timings.
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
}

function mac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}
