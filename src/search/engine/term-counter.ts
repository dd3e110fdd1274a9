/**
 * One product's terms while it is analysed, each with its summed weight, in the order first seen.
 * Where a term sits among them is kept per term under a stamp of the current product, so adding
 * is one look-up and starting the next product clears nothing.
 */
export class TermCounter {
  readonly terms: number[] = [];
  readonly weights: number[] = [];
  #stampOf = new Uint32Array(1024);
  #slotOf = new Uint32Array(1024);
  #stamp = 0;

  /** Empties the list for the next product. */
  start(): void {
    this.terms.length = 0;
    this.weights.length = 0;
    if (++this.#stamp === 0xffffffff) {
      this.#stampOf.fill(0);
      this.#stamp = 1;
    }
  }

  /** Adds `weight` to `term`'s. */
  add(term: number, weight: number): void {
    if (term >= this.#stampOf.length) this.#grow(term + 1);
    if (this.#stampOf[term] === this.#stamp) this.weights[this.#slotOf[term]!]! += weight;
    else {
      this.#stampOf[term] = this.#stamp;
      this.#slotOf[term] = this.terms.length;
      this.terms.push(term);
      this.weights.push(weight);
    }
  }

  #grow(size: number): void {
    const capacity = Math.max(size, this.#stampOf.length * 2);
    const stamps = new Uint32Array(capacity);
    stamps.set(this.#stampOf);
    this.#stampOf = stamps;
    const slots = new Uint32Array(capacity);
    slots.set(this.#slotOf);
    this.#slotOf = slots;
  }
}
