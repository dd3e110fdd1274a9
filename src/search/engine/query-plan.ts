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
  for (const word of query.words) {
    const weights = new Map<number, number>();
    const exact = dictionary.term(word.term);
    if (exact !== undefined) weights.set(exact, MATCH_WEIGHTS.exact);
    if (word.prefix) {
      const completions = dictionary
        .prefixTerms(word.surface)
        .filter((term) => term !== exact)
        .sort((a, b) => df(b) - df(a))
        .slice(0, MAX_EXPANSIONS);
      for (const term of completions) weights.set(term, MATCH_WEIGHTS.prefix);
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
