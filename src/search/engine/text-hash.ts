/**
 * FNV-1a, 32 bits, over UTF-16 code units: a title's fingerprint for the exact-title rule. A
 * collision could only promote a product that already matched every word, so 32 bits suffice.
 * `seed` continues a hash: textHash(b, textHash(a)) is textHash(a + b), without joining them.
 */
export function textHash(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
