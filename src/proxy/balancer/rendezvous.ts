/**
 * Rendezvous (highest random weight) hashing: each key ranks every server by a per-pair score
 * and goes to the highest. Removing a server moves only the keys it held, each to its own
 * second choice, so the survivors' sessions (and their warm caches) stay put. See docs/cluster.md.
 */

/** FNV-1a over UTF-16 code units, 32 bits: cheap and good enough once finalised by `mix`. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's 32-bit finaliser: every input bit flips each output bit with probability ~½. */
function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A server's fixed seed for `score`, computed once from its name. */
export function serverSeed(name: string): number {
  return mix(fnv1a(name));
}

/** The weight of `key` on the server with `seed`; the highest weight wins. */
export function score(keyHash: number, seed: number): number {
  return mix(Math.imul(keyHash ^ seed, 0x9e3779b1) ^ seed);
}

/** The hash of a session key, computed once per request and scored against every server. */
export function keyHash(key: string): number {
  return fnv1a(key);
}

/** `servers` ordered from first to last choice for `key`; ties (rare) break by name. */
export function rank<T extends { readonly name: string; readonly seed: number }>(
  key: string,
  servers: readonly T[],
): T[] {
  const hash = keyHash(key);
  return servers
    .map((server) => ({ server, weight: score(hash, server.seed) }))
    .sort((a, b) => b.weight - a.weight || (a.server.name < b.server.name ? -1 : 1))
    .map((entry) => entry.server);
}
