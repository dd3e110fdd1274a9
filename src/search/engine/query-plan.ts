import type { AnalyzedQuery } from './analyzer.js';
import { idfOf } from './bm25.js';
import type { Dictionary } from './dictionary.js';
import { MIN_TYPO_LENGTH } from './typo-index.js';

/** How much a match counts by how it was found: the word itself, a completion of it, a correction. */
export const MATCH_WEIGHTS = { exact: 1, prefix: 0.7, typo: 0.5 } as const;
/**
 * Completions of a last word looked at, the most frequent first. Elasticsearch's
 * `max_expansions` defaults to 50 for the same reason: a two-letter prefix can start thousands of words.
 */
export const MAX_EXPANSIONS = 50;
/** A prefix this short begins common words by the dozen. */
export const SHORT_PREFIX_LENGTH = 2;
/**
 * Completions of a short prefix that is the whole query ("ki"): the most frequent one ("kids").
 * All fifty completions of "co" reach a quarter of a million products at a million, and counting
 * and ranking them took 10–20 ms; keeping the completions within a tenth of the catalog still put
 * a millisecond on the p99 of the bench's queries, the most frequent one alone nothing measurable.
 * With other words ("lego st"), their own candidates bound the work — each is checked against the
 * completions through the forward index — so a short prefix there completes like a longer one.
 */
export const LONE_SHORT_PREFIX_EXPANSIONS = 1;

/** One term a query word may match, and what a match is worth (match weight × idf ÷ 255). */
export interface Alternative {
  readonly term: number;
  readonly weight: number;
}

/** A query word ready to run: the terms it matches, and how many postings that reads. */
export interface WordPlan {
  readonly surface: string;
  readonly alternatives: readonly Alternative[];
  readonly cost: number;
}

/**
 * Turns each query word into the terms it matches: its own term; for an unfinished last word,
 * the terms of words it begins; and for a word of five letters or more that the index does not
 * know, the terms of known words one typo away. A word matching nothing leaves the plan empty.
 */
export function planQuery(
  query: AnalyzedQuery,
  dictionary: Dictionary,
  df: (term: number) => number,
  docs: number,
): WordPlan[] | undefined {
  const plans: WordPlan[] = [];
  const lone = query.words.length === 1;
  for (const word of query.words) {
    const weights = new Map<number, number>();
    const exact = dictionary.term(word.term);
    if (exact !== undefined) weights.set(exact, MATCH_WEIGHTS.exact);
    if (word.prefix) {
      const completions = dictionary
        .prefixTerms(word.surface)
        .filter((term) => term !== exact)
        .sort((a, b) => df(b) - df(a));
      const limit =
        lone && word.surface.length <= SHORT_PREFIX_LENGTH
          ? LONE_SHORT_PREFIX_EXPANSIONS
          : MAX_EXPANSIONS;
      for (const term of completions.slice(0, limit)) weights.set(term, MATCH_WEIGHTS.prefix);
    }
    if (exact === undefined && word.surface.length >= MIN_TYPO_LENGTH) {
      for (const term of dictionary.typoTerms(word.surface)) {
        if (!weights.has(term)) weights.set(term, MATCH_WEIGHTS.typo);
      }
    }
    let cost = 0;
    const alternatives: Alternative[] = [];
    for (const [term, weight] of weights) {
      const frequency = df(term);
      if (frequency === 0) continue;
      cost += frequency;
      alternatives.push({ term, weight: (weight * idfOf(frequency, docs)) / 255 });
    }
    if (alternatives.length === 0) return undefined;
    plans.push({ surface: word.surface, alternatives, cost });
  }
  return plans;
}
