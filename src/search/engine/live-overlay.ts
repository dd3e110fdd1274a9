/**
 * The words of documents added after the base was built (products whose text changed since):
 * small postings lists per term and each document's terms, kept in ordinary arrays. A full
 * rebuild folds them into a new base; until then every query reads the base and this together.
 */
export class LiveOverlay {
  /** Term → documents added since the build, ascending. */
  readonly #postings = new Map<number, number[]>();
  readonly #impacts = new Map<number, number[]>();
  /** Document → its terms and their impacts. */
  readonly #forward = new Map<number, { terms: Uint32Array; impacts: Uint8Array }>();
  /** Documents added, in order: the ones a query without words must also look at. */
  readonly docs: number[] = [];

  get size(): number {
    return this.docs.length;
  }

  add(doc: number, terms: readonly number[], impacts: readonly number[]): void {
    this.docs.push(doc);
    this.#forward.set(doc, { terms: Uint32Array.from(terms), impacts: Uint8Array.from(impacts) });
    terms.forEach((term, i) => {
      const docs = this.#postings.get(term);
      if (docs === undefined) {
        this.#postings.set(term, [doc]);
        this.#impacts.set(term, [impacts[i]!]);
      } else {
        docs.push(doc);
        this.#impacts.get(term)!.push(impacts[i]!);
      }
    });
  }

  /** Documents added since the build that hold `term`, with the impact of each. */
  postings(term: number): { docs: readonly number[]; impacts: readonly number[] } | undefined {
    const docs = this.#postings.get(term);
    return docs && { docs, impacts: this.#impacts.get(term)! };
  }

  df(term: number): number {
    return this.#postings.get(term)?.length ?? 0;
  }

  forward(doc: number): { terms: Uint32Array; impacts: Uint8Array } | undefined {
    return this.#forward.get(doc);
  }
}
