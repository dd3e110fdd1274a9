import type { AnalyzedQuery } from './analyzer.js';
import type { Dictionary } from './dictionary.js';
import type { Suggestion } from './search-request.js';

/** Suggestions offered at most. */
const MAX_SUGGESTIONS = 4;
/** Completions of an unknown short word considered for the spelling suggestion. */
const COMPLETIONS = 20;

/**
 * Queries to offer when one found nothing: the query with each unknown word replaced by the most
 * common known word one typo away (or that it begins), and, for several words, each word alone,
 * the most common first. `finds` runs a query with the same filters, stopping at its first match:
 * only queries that find something are offered, and offering costs no full count.
 */
export function suggest(
  query: AnalyzedQuery,
  dictionary: Dictionary,
  df: (term: number) => number,
  finds: (q: string) => boolean,
): Suggestion[] {
  const frequency = (word: string) => {
    const term = dictionary.termOfWord(word);
    return term === undefined ? 0 : df(term);
  };
  const found: Suggestion[] = [];
  const offered = new Set<string>([query.words.map((w) => w.surface).join(' ')]);
  const offer = (q: string) => {
    if (offered.has(q)) return;
    offered.add(q);
    if (finds(q)) found.push({ q });
  };
  let changed = false;
  const fixed = query.words.map((word) => {
    if (dictionary.term(word.term) !== undefined) return word.surface;
    const options = [
      ...dictionary.wordsNear(word.surface),
      ...(word.surface.length >= 2 ? dictionary.wordsStartingWith(word.surface, COMPLETIONS) : []),
    ];
    const best = options.sort((a, b) => frequency(b) - frequency(a))[0];
    if (best !== undefined) changed = true;
    return best;
  });
  if (changed && fixed.every((word) => word !== undefined)) offer(fixed.join(' '));
  if (query.words.length > 1) {
    const alone = fixed.filter((word): word is string => word !== undefined);
    alone.sort((a, b) => frequency(b) - frequency(a));
    for (const word of alone) if (found.length < MAX_SUGGESTIONS) offer(word);
  }
  return found.slice(0, MAX_SUGGESTIONS);
}
