/**
 * What a page was built from: models record each piece of data they hand out, so the page can say
 * how long it may be cached (the shortest time-to-live among its data, as the paper's pages did),
 * when it last changed, and which surrogate keys purge it.
 */
export class Freshness {
  #maxAgeSeconds = Number.POSITIVE_INFINITY;
  #lastModified = 0;
  readonly #keys = new Set<string>();

  /** Records data that stays valid `ttlSeconds` more, last changed at `updatedAt` (ms), named `key`. */
  use(ttlSeconds: number, updatedAt: number, key?: string): void {
    if (ttlSeconds < this.#maxAgeSeconds) this.#maxAgeSeconds = ttlSeconds;
    if (updatedAt > this.#lastModified) this.#lastModified = updatedAt;
    if (key !== undefined) this.#keys.add(key);
  }

  /** Seconds the page may be cached; `fallback` when it used no recorded data. */
  maxAge(fallback: number): number {
    return Number.isFinite(this.#maxAgeSeconds)
      ? Math.max(0, Math.floor(this.#maxAgeSeconds))
      : fallback;
  }

  /** The newest change among the data used, in ms; 0 when none was recorded. */
  get lastModified(): number {
    return this.#lastModified;
  }

  get keys(): ReadonlySet<string> {
    return this.#keys;
  }
}
