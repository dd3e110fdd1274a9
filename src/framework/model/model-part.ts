import { lookupCount, type LookupCount } from './cache-metrics.js';

/** One part of a partitioned model, with what a lookup needs worked out once instead of per call. */
export interface ModelPart {
  readonly name: string;
  /** `:<name>`, the end of the part's cache keys (`<model>:<id>:<name>`). */
  readonly keySuffix: string;
  readonly ttlSeconds: number;
  readonly ttlMs: number;
  /** Seconds a page showing this part may be cached; undefined: what is left of its time-to-live. */
  readonly pageTtlSeconds: number | undefined;
  /** A hit with fewer seconds than this left is queued for refresh-ahead. */
  readonly refreshBelowSeconds: number;
  readonly memoryHits: LookupCount;
  readonly memoryMisses: LookupCount;
  readonly lmdbHits: LookupCount;
  readonly lmdbMisses: LookupCount;
  readonly databaseLoads: LookupCount;
  readonly refreshes: LookupCount;
}

/** The parts of model `model`, by name, from their times-to-live in seconds. */
export function modelParts(
  model: string,
  ttlSeconds: Readonly<Record<string, number>>,
  refreshAfter: number | undefined,
  pageTtlSeconds: Readonly<Record<string, number | undefined>> = {},
): ReadonlyMap<string, ModelPart> {
  const parts = new Map<string, ModelPart>();
  for (const [name, ttl] of Object.entries(ttlSeconds)) {
    parts.set(name, {
      name,
      keySuffix: `:${name}`,
      ttlSeconds: ttl,
      ttlMs: ttl * 1000,
      pageTtlSeconds: pageTtlSeconds[name],
      refreshBelowSeconds: refreshAfter === undefined ? -Infinity : ttl * (1 - refreshAfter),
      memoryHits: lookupCount(model, name, 'memory', 'hit'),
      memoryMisses: lookupCount(model, name, 'memory', 'miss'),
      lmdbHits: lookupCount(model, name, 'lmdb', 'hit'),
      lmdbMisses: lookupCount(model, name, 'lmdb', 'miss'),
      databaseLoads: lookupCount(model, name, 'database', 'hit'),
      refreshes: lookupCount(model, name, 'refresh', 'hit'),
    });
  }
  return parts;
}
