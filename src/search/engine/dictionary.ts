import type { BaseIndex } from './base-index.js';
import { drain, type Sliced } from './slices.js';
import { termOf } from './analyzer.js';
import { TypoIndex } from './typo-index.js';

/** Words decoded and filed per slice (a typo index entry is about ten map writes a word). */
const SLICE_WORDS = 4096;

/**
 * The vocabulary one query thread knows: the base index's words and terms, plus any that arrived
 * with live changes. Maps typed words to terms exactly, by prefix and by one typo.
 */
export class Dictionary {
  /** Sorted folded words of the base, and the term of each. */
  readonly #words: string[];
  readonly #wordTerms: Uint32Array;
  /** Words added by live changes (unsorted; few) and their terms. */
  readonly #extraWords: string[] = [];
  readonly #extraWordTerms: number[] = [];
  readonly #termOfWord = new Map<string, number>();
  readonly #termOfStem = new Map<string, number>();
  #termCount: number;
  readonly #typos = new TypoIndex();

  /** `base`'s vocabulary, whole. */
  static of(base: BaseIndex): Dictionary {
    return drain(Dictionary.prepare(base));
  }

  /**
   * `base`'s vocabulary, a slice of words at a time. The typo index is built here, not on the
   * first typo, so no query pays for it.
   */
  static *prepare(base: BaseIndex): Sliced<Dictionary> {
    const dictionary = new Dictionary(base);
    const a = base.arrays;
    const words = dictionary.#words;
    const text = Buffer.from(a.wordText.buffer, a.wordText.byteOffset, a.wordText.byteLength);
    for (let from = 0; from < base.meta.words; from += SLICE_WORDS) {
      const to = Math.min(base.meta.words, from + SLICE_WORDS);
      for (let i = from; i < to; i++) {
        // TextDecoder refuses shared memory; Buffer reads it in place.
        const word = text.toString('utf8', a.wordTextOffsets[i], a.wordTextOffsets[i + 1]);
        words[i] = word;
        dictionary.#termOfWord.set(word, a.wordTerms[i]!);
        dictionary.#typos.add(word, i);
      }
      yield;
    }
    const stems = Buffer.from(a.termText.buffer, a.termText.byteOffset, a.termText.byteLength);
    for (let from = 0; from < base.meta.terms; from += SLICE_WORDS) {
      const to = Math.min(base.meta.terms, from + SLICE_WORDS);
      for (let t = from; t < to; t++) {
        dictionary.#termOfStem.set(
          stems.toString('utf8', a.termTextOffsets[t], a.termTextOffsets[t + 1]),
          t,
        );
      }
      yield;
    }
    return dictionary;
  }

  /** An empty vocabulary the size of `base`'s (see `prepare`). */
  private constructor(base: BaseIndex) {
    this.#words = new Array<string>(base.meta.words);
    this.#wordTerms = base.arrays.wordTerms;
    this.#termCount = base.meta.terms;
  }

  /** Terms so far, base and live: term ids run below this. */
  get termCount(): number {
    return this.#termCount;
  }

  /** The term a query word stands for, when the index has it. */
  term(stem: string): number | undefined {
    return this.#termOfStem.get(stem);
  }

  /** The term of a folded word from a live change, creating it when new. */
  termForNewText(word: string): number {
    const known = this.#termOfWord.get(word);
    if (known !== undefined) return known;
    const stem = termOf(word);
    let term = this.#termOfStem.get(stem);
    if (term === undefined) {
      term = this.#termCount++;
      this.#termOfStem.set(stem, term);
    }
    this.#termOfWord.set(word, term);
    this.#extraWords.push(word);
    this.#extraWordTerms.push(term);
    this.#typos.add(word, this.#words.length + this.#extraWords.length - 1);
    return term;
  }

  /** The distinct terms of the words that start with `prefix`. */
  prefixTerms(prefix: string): number[] {
    const words = this.#words;
    let low = 0;
    let high = words.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (words[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    const terms = new Set<number>();
    for (let i = low; i < words.length && words[i]!.startsWith(prefix); i++) {
      terms.add(this.#wordTerms[i]!);
    }
    this.#extraWords.forEach((word, i) => {
      if (word.startsWith(prefix)) terms.add(this.#extraWordTerms[i]!);
    });
    return [...terms];
  }

  /** The distinct terms of known words one typo away from `word`. */
  typoTerms(word: string): number[] {
    const terms = new Set<number>();
    for (const id of this.#typos.near(word)) terms.add(this.#termOfWordNumber(id));
    return [...terms];
  }

  /** A known word one typo away from `word`, or `word` itself when it is known (for suggestions). */
  wordsNear(word: string): string[] {
    return this.#typos.near(word).map((id) => this.#wordNumber(id));
  }

  /** Known words that start with `prefix` (for suggestions), at most `limit`. */
  wordsStartingWith(prefix: string, limit: number): string[] {
    const words = this.#words;
    let low = 0;
    let high = words.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (words[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    const found: string[] = [];
    for (
      let i = low;
      i < words.length && words[i]!.startsWith(prefix) && found.length < limit;
      i++
    ) {
      found.push(words[i]!);
    }
    return found;
  }

  /** The term of a folded word, if known. */
  termOfWord(word: string): number | undefined {
    return this.#termOfWord.get(word);
  }

  #wordNumber(id: number): string {
    return id < this.#words.length ? this.#words[id]! : this.#extraWords[id - this.#words.length]!;
  }

  #termOfWordNumber(id: number): number {
    return id < this.#words.length
      ? this.#wordTerms[id]!
      : this.#extraWordTerms[id - this.#words.length]!;
  }
}
