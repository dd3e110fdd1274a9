/**
 * How every process opens the object cache's LMDB. msgpack with shared record structures (stored
 * in the database itself) decodes our many same-shaped entries about twice as fast as plain
 * msgpack. noSync: a cache needs no durability; LMDB stays consistent across process crashes
 * without it.
 */
export const OPEN_OPTIONS = {
  encoding: 'msgpack',
  sharedStructuresKey: Symbol.for('yuletide:structures'),
  noSync: true,
  cache: false,
} as const;
