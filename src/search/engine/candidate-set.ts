import type { BaseIndex } from './base-index.js';
import type { DocTable } from './doc-table.js';
import type { LiveOverlay } from './live-overlay.js';
import type { WordPlan } from './query-plan.js';

/** What the candidates are drawn from: the base, the live overlay, and the current facts. */
export interface IndexView {
  readonly base: BaseIndex;
  readonly overlay: LiveOverlay;
  readonly docs: DocTable;
}

/**
 * Per-document scratch entries, written instead of clearing arrays: `#stamps` holds [epoch,
 * position] (a candidate of the current query, and where), `#marks` holds [mark, score] (matched
 * the word being checked, and its best score for it). Each pair shares a cache line.
 */
const S_EPOCH = 0;
const S_POSITION = 1;
const S_MARK = 0;
const S_WORD_SCORE = 1;

/**
 * The documents one query is considering, by position, with their text scores so far. The arrays
 * are reused from query to query, so a query allocates almost nothing; epoch stamps stand in for
 * clearing. Filters, liveness and ranking are left to the final pass (`rankAndCount`), which
 * reads each candidate's facts once.
 */
export class CandidateSet {
  count = 0;
  /** True when every document is a candidate (no words, no category): `docs` is unused. */
  all = false;
  docs = new Uint32Array(0);
  scores = new Float32Array(0);
  #stamps = new Uint32Array(0);
  #marks = new Uint32Array(0);
  #markFloats = new Float32Array(0);
  #epoch = 0;
  #mark = 0;
  #termWeights = new Float32Array(0);

  /** Makes room for `docs` documents and `terms` terms. */
  fit(docs: number, terms: number): void {
    if (this.docs.length < docs) {
      this.docs = new Uint32Array(docs);
      this.scores = new Float32Array(docs);
      this.#stamps = new Uint32Array(docs * 2);
      this.#marks = new Uint32Array(docs * 2);
      this.#markFloats = new Float32Array(this.#marks.buffer);
      this.#epoch = 0;
      this.#mark = 0;
    }
    if (this.#termWeights.length < terms) this.#termWeights = new Float32Array(terms + 1024);
  }

  /**
   * Starts from every document holding one of the word's terms, with its best score for the word.
   * Stamps each candidate when there are several terms to merge or more words to check.
   */
  gather(word: WordPlan, view: IndexView, moreWords: boolean): void {
    const { postingOffsets, postingDocs, postingImpacts } = view.base.arrays;
    const baseTerms = view.base.meta.terms;
    const { docs, scores } = this;
    this.all = false;
    const epoch = this.#nextEpoch();
    if (word.alternatives.length === 1 && !moreWords) {
      // The common case, one term: its postings are copied as they are.
      const { term, weight } = word.alternatives[0]!;
      let n = 0;
      if (term < baseTerms) {
        const end = postingOffsets[term + 1]!;
        for (let j = postingOffsets[term]!; j < end; j++) {
          docs[n] = postingDocs[j]!;
          scores[n++] = weight * postingImpacts[j]!;
        }
      }
      const added = view.overlay.postings(term);
      for (let j = 0; added !== undefined && j < added.docs.length; j++) {
        docs[n] = added.docs[j]!;
        scores[n++] = weight * added.impacts[j]!;
      }
      this.count = n;
      return;
    }
    const stamps = this.#stamps;
    let n = 0;
    for (const { term, weight } of word.alternatives) {
      const added = view.overlay.postings(term);
      const from = term < baseTerms ? postingOffsets[term]! : 0;
      const baseEnd = term < baseTerms ? postingOffsets[term + 1]! : 0;
      const end = baseEnd + (added?.docs.length ?? 0);
      for (let j = from; j < end; j++) {
        const inBase = j < baseEnd;
        const d = inBase ? postingDocs[j]! : added!.docs[j - baseEnd]!;
        const score = weight * (inBase ? postingImpacts[j]! : added!.impacts[j - baseEnd]!);
        const at = d * 2;
        if (stamps[at + S_EPOCH] !== epoch) {
          stamps[at + S_EPOCH] = epoch;
          stamps[at + S_POSITION] = n;
          docs[n] = d;
          scores[n++] = score;
        } else {
          const p = stamps[at + S_POSITION]!;
          if (score > scores[p]!) scores[p] = score;
        }
      }
    }
    this.count = n;
  }

  /** Starts, without words, from the documents of the chosen categories, or from all. */
  browse(categoryIds: readonly number[] | undefined, view: IndexView): void {
    const { docs, scores } = this;
    if (categoryIds === undefined) {
      this.all = true;
      this.count = view.docs.length;
      scores.fill(0, 0, this.count);
      return;
    }
    this.all = false;
    const { categoryOffsets, categoryDocs } = view.base.arrays;
    let n = 0;
    for (const c of categoryIds) {
      if (c + 1 >= categoryOffsets.length) continue;
      const end = categoryOffsets[c + 1]!;
      for (let j = categoryOffsets[c]!; j < end; j++) docs[n++] = categoryDocs[j]!;
    }
    for (const d of view.overlay.docs) docs[n++] = d;
    scores.fill(0, 0, n);
    this.count = n;
  }

  /**
   * Keeps the candidates that also hold one of this word's terms, adding their score for it.
   * Reads whichever is shorter: the candidates' own term lists (the forward index) or the
   * word's postings.
   */
  require(word: WordPlan, view: IndexView): void {
    const termsPerDoc = view.base.arrays.forwardTerms.length / Math.max(1, view.base.meta.docs);
    if (word.cost < this.count * termsPerDoc) this.#requireByPostings(word, view);
    else this.#requireByForward(word, view);
  }

  #requireByForward(word: WordPlan, view: IndexView): void {
    const { forwardOffsets, forwardTerms, forwardImpacts } = view.base.arrays;
    const baseDocs = view.base.meta.docs;
    const weights = this.#termWeights;
    const { docs, scores } = this;
    for (const { term, weight } of word.alternatives) weights[term] = weight;
    const n = this.count;
    let out = 0;
    for (let i = 0; i < n; i++) {
      const d = docs[i]!;
      let best = 0;
      if (d < baseDocs) {
        const end = forwardOffsets[d + 1]!;
        for (let j = forwardOffsets[d]!; j < end; j++) {
          const score = weights[forwardTerms[j]!]! * forwardImpacts[j]!;
          if (score > best) best = score;
        }
      } else {
        const forward = view.overlay.forward(d);
        for (let j = 0; forward !== undefined && j < forward.terms.length; j++) {
          const score = weights[forward.terms[j]!]! * forward.impacts[j]!;
          if (score > best) best = score;
        }
      }
      if (best === 0) continue;
      docs[out] = d;
      scores[out++] = scores[i]! + best;
    }
    for (const { term } of word.alternatives) weights[term] = 0;
    this.count = out;
  }

  #requireByPostings(word: WordPlan, view: IndexView): void {
    const { postingOffsets, postingDocs, postingImpacts } = view.base.arrays;
    const baseTerms = view.base.meta.terms;
    const stamps = this.#stamps;
    const marks = this.#marks;
    const wordScores = this.#markFloats;
    const epoch = this.#epoch;
    const mark = this.#nextMark();
    // Documents dropped by an earlier word still carry this query's epoch; the pass below only
    // visits the candidates that remain, so marking them does no harm.
    for (const { term, weight } of word.alternatives) {
      const added = view.overlay.postings(term);
      const from = term < baseTerms ? postingOffsets[term]! : 0;
      const baseEnd = term < baseTerms ? postingOffsets[term + 1]! : 0;
      const end = baseEnd + (added?.docs.length ?? 0);
      for (let j = from; j < end; j++) {
        const inBase = j < baseEnd;
        const d = inBase ? postingDocs[j]! : added!.docs[j - baseEnd]!;
        if (stamps[d * 2 + S_EPOCH] !== epoch) continue;
        const score = weight * (inBase ? postingImpacts[j]! : added!.impacts[j - baseEnd]!);
        const at = d * 2;
        if (marks[at + S_MARK] !== mark) {
          marks[at + S_MARK] = mark;
          wordScores[at + S_WORD_SCORE] = score;
        } else if (score > wordScores[at + S_WORD_SCORE]!) wordScores[at + S_WORD_SCORE] = score;
      }
    }
    const { docs, scores } = this;
    const n = this.count;
    let out = 0;
    for (let i = 0; i < n; i++) {
      const d = docs[i]!;
      const at = d * 2;
      if (marks[at + S_MARK] !== mark) continue;
      docs[out] = d;
      scores[out++] = scores[i]! + wordScores[at + S_WORD_SCORE]!;
    }
    this.count = out;
  }

  #nextEpoch(): number {
    if (this.#epoch === 0xffffffff) {
      for (let at = S_EPOCH; at < this.#stamps.length; at += 2) this.#stamps[at] = 0;
      this.#epoch = 0;
    }
    return ++this.#epoch;
  }

  #nextMark(): number {
    if (this.#mark === 0xffffffff) {
      for (let at = S_MARK; at < this.#marks.length; at += 2) this.#marks[at] = 0;
      this.#mark = 0;
    }
    return ++this.#mark;
  }
}
