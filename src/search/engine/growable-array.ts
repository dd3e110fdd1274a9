/** The typed arrays the index is made of. */
export type NumberArray =
  Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

type NumberArrayConstructor<T extends NumberArray> = new (length: number) => T;

/** A typed array that grows by doubling as values are pushed: the index builder's buffers. */
export class GrowableArray<T extends NumberArray> {
  readonly #make: NumberArrayConstructor<T>;
  #array: T;
  length = 0;

  constructor(make: NumberArrayConstructor<T>, capacity = 1024) {
    this.#make = make;
    this.#array = new make(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.#array.length) this.#grow(this.length * 2);
    this.#array[this.length++] = value;
  }

  at(index: number): number {
    return this.#array[index]!;
  }

  set(index: number, value: number): void {
    this.#array[index] = value;
  }

  /** The values pushed so far, as an array of exactly that length (a copy). */
  toArray(): T {
    const result = new this.#make(this.length);
    result.set(this.#array.subarray(0, this.length) as ArrayLike<number>);
    return result;
  }

  #grow(capacity: number): void {
    const next = new this.#make(capacity);
    next.set(this.#array as ArrayLike<number>);
    this.#array = next;
  }
}
