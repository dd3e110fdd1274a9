/**
 * The best `k` documents by a numeric key (higher is better; ties go to the lower product id, so
 * a page is the same on every thread). A binary heap whose root is the worst kept, so most
 * documents are turned away by one comparison with the root.
 */
export class TopK {
  #k = 0;
  #size = 0;
  #keys = new Float64Array(64);
  #docs = new Uint32Array(64);
  #tie = new Uint32Array(64);

  /** Empties the heap to keep at most `k`. */
  reset(k: number): void {
    this.#k = k;
    this.#size = 0;
    if (this.#keys.length < k) {
      this.#keys = new Float64Array(k);
      this.#docs = new Uint32Array(k);
      this.#tie = new Uint32Array(k);
    }
  }

  /** The key a document must beat to get in (−∞ until the heap is full). */
  get threshold(): number {
    return this.#size < this.#k ? -Infinity : this.#keys[0]!;
  }

  offer(key: number, doc: number, tie: number): void {
    const keys = this.#keys;
    if (this.#size < this.#k) {
      let i = this.#size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        // The root is the worst kept: a newcomer rises while it is worse than its parent.
        if (!worse(key, tie, keys[parent]!, this.#tie[parent]!)) break;
        this.#move(parent, i);
        i = parent;
      }
      this.#put(i, key, doc, tie);
      return;
    }
    if (this.#k === 0 || !worse(keys[0]!, this.#tie[0]!, key, tie)) return;
    this.#siftDown(key, doc, tie);
  }

  /** The documents kept, best first. */
  sorted(): number[] {
    const order = Array.from({ length: this.#size }, (_, i) => i);
    const keys = this.#keys;
    const tie = this.#tie;
    order.sort((a, b) => keys[b]! - keys[a]! || tie[a]! - tie[b]!);
    return order.map((i) => this.#docs[i]!);
  }

  #siftDown(key: number, doc: number, tie: number): void {
    const keys = this.#keys;
    const size = this.#size;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      let child = left;
      if (right < size && worse(keys[right]!, this.#tie[right]!, keys[left]!, this.#tie[left]!)) {
        child = right;
      }
      if (!worse(keys[child]!, this.#tie[child]!, key, tie)) break;
      this.#move(child, i);
      i = child;
    }
    this.#put(i, key, doc, tie);
  }

  #move(from: number, to: number): void {
    this.#keys[to] = this.#keys[from]!;
    this.#docs[to] = this.#docs[from]!;
    this.#tie[to] = this.#tie[from]!;
  }

  #put(i: number, key: number, doc: number, tie: number): void {
    this.#keys[i] = key;
    this.#docs[i] = doc;
    this.#tie[i] = tie;
  }
}

/** True when (keyA, tieA) ranks below (keyB, tieB). */
function worse(keyA: number, tieA: number, keyB: number, tieB: number): boolean {
  return keyA < keyB || (keyA === keyB && tieA > tieB);
}
