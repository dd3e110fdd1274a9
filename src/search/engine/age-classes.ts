import { AGE_YEARS } from './search-request.js';

/**
 * The distinct age ranges products have (a few hundred at most: boxes print the same few), each
 * numbered, so the age facet counts one class per product and expands classes to ages at the end.
 */
export class AgeClasses {
  readonly #ids = new Map<number, number>();
  readonly #ranges: [number, number][] = [];

  /** Classes numbered as `ranges` lists them (from an index built elsewhere). */
  static from(ranges: readonly (readonly [number, number])[]): AgeClasses {
    const classes = new AgeClasses();
    for (const [min, max] of ranges) classes.classOf(min, max);
    return classes;
  }

  get count(): number {
    return this.#ranges.length;
  }

  /** Each class's [min, max] months, by class. */
  get ranges(): readonly (readonly [number, number])[] {
    return this.#ranges;
  }

  /** The class of products suitable from `min` to `max` months. */
  classOf(min: number, max: number): number {
    const key = min * 65536 + max;
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#ranges.length;
      this.#ranges.push([min, max]);
      this.#ids.set(key, id);
    }
    return id;
  }

  /** 1 for each class whose range includes `months`, by class. */
  suiting(months: number): Uint8Array {
    const suits = new Uint8Array(Math.max(1, this.#ranges.length));
    this.#ranges.forEach(([min, max], id) => (suits[id] = min <= months && months <= max ? 1 : 0));
    return suits;
  }

  /** Products suitable at each of AGE_YEARS, from counts per class. */
  byAge(counts: Uint32Array): { years: number; count: number }[] {
    return AGE_YEARS.map((years) => {
      const months = years * 12;
      let count = 0;
      this.#ranges.forEach(([min, max], id) => {
        if (min <= months && months <= max) count += counts[id] ?? 0;
      });
      return { years, count };
    });
  }
}
