/** One cached value with what the tiers need to judge it. */
export interface CacheEntry {
  /** The value; plain data (it crosses processes through LMDB). */
  readonly value: unknown;
  /** When it stops being fresh, ms since the epoch. */
  readonly expiresAt: number;
  /** The version of the data it was read at (the row's update time); newer wins. */
  readonly version: number;
}

/** A cache tier: memory in this process, or LMDB shared by the processes of a host. */
export interface CacheStore {
  /** The entry, or undefined when absent or undecodable (never garbage). Expiry is the caller's to judge. */
  get(key: string): CacheEntry | undefined;
  /** Stores an entry; a full store evicts rather than failing. */
  set(key: string, entry: CacheEntry): void;
  delete(key: string): void;
  /** Deletes these keys together (one transaction where the store has them). */
  deleteMany(keys: readonly string[]): void;
  /** Deletes every key that starts with `prefix`. */
  deletePrefix(prefix: string): void;
  clear(): void;
  /** Entries held now. */
  size(): number;
  close(): Promise<void>;
}

/** True when `value` has the shape of a CacheEntry; anything else read back is a miss. */
export function isCacheEntry(value: unknown): value is CacheEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    'value' in entry &&
    typeof entry['expiresAt'] === 'number' &&
    typeof entry['version'] === 'number'
  );
}
