import { withinOneEdit } from './edit-distance.js';

/** Typed words shorter than this are never corrected: too many short words are one edit apart. */
export const MIN_TYPO_LENGTH = 5;

/**
 * Finds the known words one edit away from a typed word, by symmetric deletion (SymSpell): every
 * known word is filed under each string one deletion away from it, so a typed word's candidates
 * are a handful of map look-ups instead of a pass over the vocabulary; each is then checked.
 */
export class TypoIndex {
  /** One-deletion variant → numbers of the known words it comes from. */
  readonly #deletions = new Map<string, number[]>();
  readonly #words: string[] = [];
  readonly #exact = new Map<string, number>();

  /** Files a known word under number `id`; words shorter than a typo minus one are skipped. */
  add(word: string, id: number): void {
    if (word.length < MIN_TYPO_LENGTH - 1 || this.#exact.has(word)) return;
    this.#words[id] = word;
    this.#exact.set(word, id);
    for (const variant of deletions(word)) {
      const ids = this.#deletions.get(variant);
      if (ids === undefined) this.#deletions.set(variant, [id]);
      else if (ids.at(-1) !== id) ids.push(id);
    }
  }

  /** Numbers of the known words within one edit of `word` (itself excluded). */
  near(word: string): number[] {
    if (word.length < MIN_TYPO_LENGTH) return [];
    const candidates = new Set<number>();
    const collect = (ids: readonly number[] | undefined) =>
      ids?.forEach((id) => candidates.add(id));
    collect(this.#deletions.get(word));
    for (const variant of deletions(word)) {
      const id = this.#exact.get(variant);
      if (id !== undefined) candidates.add(id);
      collect(this.#deletions.get(variant));
    }
    const found: number[] = [];
    for (const id of candidates) {
      const known = this.#words[id]!;
      if (known !== word && withinOneEdit(word, known)) found.push(id);
    }
    return found;
  }
}

function deletions(word: string): Set<string> {
  const variants = new Set<string>();
  for (let i = 0; i < word.length; i++) variants.add(word.slice(0, i) + word.slice(i + 1));
  return variants;
}
