/**
 * Words and a number for each, looked up by their place in a longer text: the index builder
 * finds a description's words without making a string of each (a Map would need one, and a
 * hash of it). Open addressing over FNV-1a hashes of the UTF-16 code units.
 */
export class WordTable {
  #words: string[] = [];
  #hashes = new Uint32Array(1024);
  #values = new Int32Array(1024).fill(-1);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** The number of `text.slice(start, end)`, or −1 when the table does not hold it. */
  find(text: string, start: number, end: number): number {
    const hash = hashOf(text, start, end);
    const mask = this.#hashes.length - 1;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const value = this.#values[at]!;
      if (value === -1) return -1;
      if (this.#hashes[at] === hash && sameWord(this.#words[at]!, text, start, end)) return value;
    }
  }

  /** Files `word` (not yet held) under `value` (≥ 0). */
  add(word: string, value: number): void {
    if ((this.#size + 1) * 2 > this.#hashes.length) this.#grow();
    this.#place(word, hashOf(word, 0, word.length), value);
    this.#size++;
  }

  /** Every word and its number, in no particular order. */
  *entries(): Generator<[string, number]> {
    for (let at = 0; at < this.#values.length; at++) {
      if (this.#values[at] !== -1) yield [this.#words[at]!, this.#values[at]!];
    }
  }

  #place(word: string, hash: number, value: number): void {
    const mask = this.#hashes.length - 1;
    let at = hash & mask;
    while (this.#values[at] !== -1) at = (at + 1) & mask;
    this.#words[at] = word;
    this.#hashes[at] = hash;
    this.#values[at] = value;
  }

  #grow(): void {
    const words = this.#words;
    const hashes = this.#hashes;
    const values = this.#values;
    this.#words = [];
    this.#hashes = new Uint32Array(hashes.length * 2);
    this.#values = new Int32Array(hashes.length * 2).fill(-1);
    for (let at = 0; at < values.length; at++) {
      if (values[at] !== -1) this.#place(words[at]!, hashes[at]!, values[at]!);
    }
  }
}

function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function sameWord(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  }
  return true;
}
