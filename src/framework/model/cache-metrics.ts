import { Counter } from 'prom-client';

/** One labelled series of `objectCacheLookups`, counted in a plain number between scrapes. */
export interface LookupCount {
  /** Lookups counted since the last scrape. */
  pending: number;
}

type Labels = Record<'model' | 'part' | 'tier' | 'result', string>;

const series = new Map<string, { readonly labels: Labels; readonly count: LookupCount }>();

/**
 * Object-cache lookups by model, part, tier and result, in the process's default prom-client
 * registry (served on /__metrics). `tier` is memory, lmdb or database; `result` hit or miss
 * (a database lookup is always a "hit" when the row exists; `refresh` counts background refresh-ahead loads).
 */
export const objectCacheLookups = new Counter({
  name: 'yuletide_object_cache_lookups_total',
  help: 'Object-cache lookups by model, part, tier and result',
  labelNames: ['model', 'part', 'tier', 'result'] as const,
  // prom-client hashes the label set on every inc(), even through a labels() child, which cost
  // more than the LMDB read it counted: lookups are summed in plain numbers and handed over here,
  // when the counter is read (every scrape and every get() calls collect first).
  collect() {
    for (const { labels, count } of series.values()) {
      if (count.pending === 0) continue;
      this.inc(labels, count.pending);
      count.pending = 0;
    }
  },
});

/** The count of one label set; the same object for the same labels, so callers can keep it. */
export function lookupCount(
  model: string,
  part: string,
  tier: string,
  result: 'hit' | 'miss',
): LookupCount {
  const key = `${model}\0${part}\0${tier}\0${result}`;
  let found = series.get(key);
  if (!found) {
    found = { labels: { model, part, tier, result }, count: { pending: 0 } };
    series.set(key, found);
  }
  return found.count;
}
