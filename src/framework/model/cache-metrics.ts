import { Counter } from 'prom-client';

/**
 * Object-cache lookups by model, part, tier and result, in the process's default prom-client
 * registry (served on /__metrics). `tier` is memory, lmdb or database; `result` hit or miss
 * (a database lookup is always a "hit" when the row exists; `refresh` counts background refresh-ahead loads).
 */
export const objectCacheLookups = new Counter({
  name: 'yuletide_object_cache_lookups_total',
  help: 'Object-cache lookups by model, part, tier and result',
  labelNames: ['model', 'part', 'tier', 'result'] as const,
});

const children = new Map<string, { inc(): void }>();

/** Counts one lookup; label children are kept, since hashing labels on every call costs more than the lookup. */
export function countLookup(
  model: string,
  part: string,
  tier: string,
  result: 'hit' | 'miss',
): void {
  const key = `${model}\0${part}\0${tier}\0${result}`;
  let child = children.get(key);
  if (!child) {
    child = objectCacheLookups.labels({ model, part, tier, result });
    children.set(key, child);
  }
  child.inc();
}
