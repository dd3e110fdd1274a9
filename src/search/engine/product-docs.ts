/** Ids up to this are kept in a flat array; a catalog with sparser ids spills into a Map. */
const DENSE_LIMIT = 1 << 25;

/** Which document holds each product id now: a flat array for the usual dense ids. */
export class ProductDocs {
  #dense: Int32Array;
  readonly #sparse = new Map<number, number>();
  #size = 0;

  /** From the base index's dense map (`dense[id]` = document or −1), or, when it has none, from its product ids. */
  constructor(dense: Int32Array, productIds: Uint32Array, count: number) {
    if (dense.length > 0) {
      this.#dense = new Int32Array(Math.min(DENSE_LIMIT, dense.length + 1024)).fill(-1);
      this.#dense.set(dense);
      this.#size = count;
      return;
    }
    this.#dense = new Int32Array(0);
    for (let d = 0; d < count; d++) this.set(productIds[d]!, d);
  }

  /** The dense map for an index of these product ids (by document), or an empty one when ids are too sparse. */
  static dense(productIds: Uint32Array): Int32Array {
    let max = 0;
    for (const id of productIds) max = Math.max(max, id);
    if (max >= DENSE_LIMIT) return new Int32Array(0);
    const dense = new Int32Array(max + 1).fill(-1);
    productIds.forEach((id, doc) => (dense[id] = doc));
    return dense;
  }

  /** Products held. */
  get size(): number {
    return this.#size;
  }

  get(id: number): number | undefined {
    if (id < this.#dense.length) {
      const doc = this.#dense[id]!;
      return doc === -1 ? undefined : doc;
    }
    return this.#sparse.get(id);
  }

  set(id: number, doc: number): void {
    if (id >= this.#dense.length && id < DENSE_LIMIT) {
      const grown = new Int32Array(Math.min(DENSE_LIMIT, Math.max(id + 1, this.#dense.length * 2)));
      grown.fill(-1).set(this.#dense);
      this.#dense = grown;
    }
    if (this.get(id) === undefined) this.#size++;
    if (id < this.#dense.length) this.#dense[id] = doc;
    else this.#sparse.set(id, doc);
  }

  delete(id: number): void {
    if (this.get(id) === undefined) return;
    this.#size--;
    if (id < this.#dense.length) this.#dense[id] = -1;
    else this.#sparse.delete(id);
  }
}
