import { stemmer } from 'stemmer';
import { foldText } from './fold.js';
import { STOP_WORDS } from './stop-words.js';

/** Longer runs of letters are cut here: no product word is longer, and it bounds the work. */
const MAX_WORD_LENGTH = 40;
/** Words of a query that take part in matching; the rest are ignored. */
export const MAX_QUERY_WORDS = 8;
/**
 * A last word shorter than this is not expanded as a prefix. Measured at a million products, a
 * two-letter prefix ("ki", "co") completes to a fifth of the catalog and costs 8–12 ms; from three
 * letters a prefix narrows as a word does. Shorter last words still match whole words ("pc", "3").
 */
export const MIN_PREFIX_LENGTH = 3;
const WORD = /[\p{L}\p{N}]+/gu;
/** An apostrophe inside a word joins it ("Kids’" → "kids", "there's" → "theres"). */
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’](?=\p{L})/gu;
const ENDS_IN_WORD = /[\p{L}\p{N}]$/u;
const DIGITS = /^\d+$/;

/** One word of a query: as typed (folded), its indexed term, and whether it may be a prefix. */
export interface QueryWord {
  readonly surface: string;
  readonly term: string;
  readonly prefix: boolean;
}

/** A query taken apart for matching. */
export interface AnalyzedQuery {
  /** The words that must match, stop words left out unless nothing else was typed. */
  readonly words: readonly QueryWord[];
  /** Every folded word of the query joined by spaces: compared with titles for exact matches. */
  readonly normalized: string;
}

/** The folded words of `text`, in order. */
export function words(text: string): string[] {
  const found = foldText(text).replace(INNER_APOSTROPHE, '').match(WORD) ?? [];
  for (let i = 0; i < found.length; i++) {
    const word = found[i]!;
    if (word.length > MAX_WORD_LENGTH) found[i] = word.slice(0, MAX_WORD_LENGTH);
  }
  return found;
}

const stems = new Map<string, string>();
/** Distinct words remembered; a catalog has tens of thousands, so this rarely refills. */
const STEM_CACHE_SIZE = 200_000;

/** The indexed form of a folded word: its Porter stem ("trains" → "train"); numbers stay as they are. */
export function termOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = word.length <= 2 || DIGITS.test(word) ? word : stemmer(word);
    if (stems.size >= STEM_CACHE_SIZE) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/** Normalises text as `AnalyzedQuery.normalized` does, for titles. */
export function normalizedText(text: string): string {
  return words(text).join(' ');
}

/** Takes a query apart: folds, drops stop words, stems, and marks an unfinished last word. */
export function analyzeQuery(q: string): AnalyzedQuery {
  const all = words(q);
  const content = all.filter((word) => !STOP_WORDS.has(word));
  const chosen = (content.length > 0 ? content : all).slice(0, MAX_QUERY_WORDS);
  // Type-ahead: a query that stops in the middle of a word may be a prefix of the word meant.
  const open = ENDS_IN_WORD.test(q) && chosen.length > 0 && chosen.at(-1) === all.at(-1);
  return {
    words: chosen.map((surface, i) => ({
      surface,
      term: termOf(surface),
      prefix: open && i === chosen.length - 1 && surface.length >= MIN_PREFIX_LENGTH,
    })),
    normalized: all.slice(0, 64).join(' '),
  };
}
