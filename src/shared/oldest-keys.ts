/**
 * The keys of a Map, oldest inserted first, for a cache that evicts from the front: one live
 * iterator, advanced only past the keys the caller then deletes. A Map keeps deleted entries as
 * holes until it is rehashed, and a new iterator per eviction walks every hole that earlier
 * evictions left at the front: once a 200,000-entry object cache was full, that walk was 44 % of
 * an app server's CPU (docs/load-test.md).
 */
export class OldestKeys<K> {
  readonly #map: Map<K, unknown>;
  #keys: MapIterator<K>;

  constructor(map: Map<K, unknown>) {
    this.#map = map;
    this.#keys = map.keys();
  }

  /** The oldest key in the map, which the caller deletes; undefined when the map is empty. */
  next(): K | undefined {
    let step = this.#keys.next();
    // An iterator that reached the end stays done, even after new keys are added.
    if (step.done) step = (this.#keys = this.#map.keys()).next();
    return step.done ? undefined : step.value;
  }
}
