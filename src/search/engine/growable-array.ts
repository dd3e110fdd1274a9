/** The typed arrays the index is made of. */
export type NumberArray =
  Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

type NumberArrayConstructor<T extends NumberArray> = new (length: number) => T;

type Write = (array: NumberArray, index: number, value: number) => void;
type Read = (array: NumberArray, index: number) => number;

// One writer and reader per element type, each its own function: V8 keeps what it learns about
// an element access per function, and one `array[i] = value` shared by the builder's six kinds of
// array went megamorphic — a push then cost 230 ns instead of 10, a third of the build.
const WRITERS = new Map<unknown, Write>([
  [Uint8Array, (a, i, v) => void (a[i] = v)],
  [Uint16Array, (a, i, v) => void (a[i] = v)],
  [Uint32Array, (a, i, v) => void (a[i] = v)],
  [Int32Array, (a, i, v) => void (a[i] = v)],
  [Float32Array, (a, i, v) => void (a[i] = v)],
  [Float64Array, (a, i, v) => void (a[i] = v)],
]);
const READERS = new Map<unknown, Read>([
  [Uint8Array, (a, i) => a[i]!],
  [Uint16Array, (a, i) => a[i]!],
  [Uint32Array, (a, i) => a[i]!],
  [Int32Array, (a, i) => a[i]!],
  [Float32Array, (a, i) => a[i]!],
  [Float64Array, (a, i) => a[i]!],
]);

/** A typed array that grows by doubling as values are pushed: the index builder's buffers. */
export class GrowableArray<T extends NumberArray> {
  readonly #make: NumberArrayConstructor<T>;
  readonly #write: Write;
  readonly #read: Read;
  #array: T;
  length = 0;

  constructor(make: NumberArrayConstructor<T>, capacity = 1024) {
    this.#make = make;
    this.#write = WRITERS.get(make)!;
    this.#read = READERS.get(make)!;
    this.#array = new make(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.#array.length) this.#grow(this.length * 2);
    this.#write(this.#array, this.length++, value);
  }

  at(index: number): number {
    return this.#read(this.#array, index);
  }

  set(index: number, value: number): void {
    this.#write(this.#array, index, value);
  }

  /** The values pushed so far, in place: valid until the next push. */
  view(): T {
    return this.#array.subarray(0, this.length) as T;
  }

  /** Lets go of the memory (the array is empty afterwards). */
  release(): void {
    this.#array = new this.#make(16);
    this.length = 0;
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
