import { stemmer } from 'stemmer';
import { foldText } from './fold.js';
import { STOP_WORDS } from './stop-words.js';

/** Longer runs of letters are cut here: no product word is longer, and it bounds the work. */
const MAX_WORD_LENGTH = 40;
/** Words of a query that take part in matching; the rest are ignored. */
export const MAX_QUERY_WORDS = 8;
/**
 * A last word shorter than this is not expanded as a prefix: one letter begins a twentieth of the
 * vocabulary. Two letters are expanded, but a query of nothing else is held to its most frequent
 * completions (see query-plan.ts).
 */
export const MIN_PREFIX_LENGTH = 2;
const WORD = /[\p{L}\p{N}]+/gu;
/** An apostrophe inside a word joins it ("Kids’" → "kids", "there's" → "theres"). */
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’](?=\p{L})/gu;
const ENDS_IN_WORD = /[\p{L}\p{N}]$/u;
const DIGITS = /^\d+$/;
/** Printable ASCII, and the dashes and curly quotes of typeset copy (all separators but ’). */
const PLAIN = /^[\u0020-\u007e\u2013\u2014\u2018\u2019\u201c\u201d]*$/;
const isLetter = (c: number) => c >= 97 && c <= 122;
const isWordChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57);
const isApostrophe = (c: number) => c === 39 || c === 0x2019;

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
  const folded = foldText(text);
  if (PLAIN.test(folded)) return plainWords(folded);
  const found = folded.replace(INNER_APOSTROPHE, '').match(WORD) ?? [];
  for (let i = 0; i < found.length; i++) {
    const word = found[i]!;
    if (word.length > MAX_WORD_LENGTH) found[i] = word.slice(0, MAX_WORD_LENGTH);
  }
  return found;
}

/**
 * Calls `visit` for each word of `text` with a string holding it and where: the word is
 * `source.slice(start, end)`. Plain text (see PLAIN), the usual case, is scanned without making a
 * string of each word; the index builder looks words up where they lie (see word-table.ts).
 */
export function scanWords(
  text: string,
  visit: (source: string, start: number, end: number) => void,
): void {
  const folded = foldText(text);
  if (PLAIN.test(folded)) scanPlain(folded, visit);
  else for (const word of words(folded)) visit(word, 0, word.length);
}

/**
 * `words` for lower-case plain text (see PLAIN) by a scan instead of Unicode regular expressions,
 * with the same result: a third of a build went to those expressions once product descriptions
 * were indexed.
 */
function plainWords(text: string): string[] {
  const found: string[] = [];
  scanPlain(text, (source, start, end) => found.push(source.slice(start, end)));
  return found;
}

function scanPlain(
  text: string,
  visit: (source: string, start: number, end: number) => void,
): void {
  // An apostrophe between a letter or digit and a letter joins the word ("kid’s" → "kids").
  let joined = '';
  let from = 0;
  for (let i = 1; i + 1 < text.length; i++) {
    if (
      isApostrophe(text.charCodeAt(i)) &&
      isWordChar(text.charCodeAt(i - 1)) &&
      isLetter(text.charCodeAt(i + 1))
    ) {
      joined += text.slice(from, i);
      from = i + 1;
    }
  }
  joined = from === 0 ? text : joined + text.slice(from);
  let start = -1;
  for (let i = 0; i <= joined.length; i++) {
    if (i < joined.length && isWordChar(joined.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      visit(joined, start, Math.min(i, start + MAX_WORD_LENGTH));
      start = -1;
    }
  }
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
