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
