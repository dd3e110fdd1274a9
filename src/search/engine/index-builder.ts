import { BaseIndex, type IndexArrays } from './base-index.js';
import { termOf, normalizedText } from './analyzer.js';
import { FIELD_WEIGHTS, impactOf } from './bm25.js';
import type { CatalogRow, SearchTaxonomy } from './catalog-row.js';
import {
  descriptionLimit,
  descriptionWords,
  documentTextHash,
  documentWords,
  type DocumentNames,
} from './document-text.js';
import { GrowableArray } from './growable-array.js';
import { ProductDocs } from './product-docs.js';
import {
  documentOrder,
  groupBy,
  largest,
  packRecords,
  mergeForward,
  packStrings,
  permute,
  prefixSums,
} from './index-layout.js';
import { textHash } from './text-hash.js';
import { TermCounter } from './term-counter.js';
import { WordTable } from './word-table.js';

/** Each product's facts, a column each, in the order products arrived. */
function newFacts() {
  return {
    productId: new GrowableArray(Uint32Array),
    categoryId: new GrowableArray(Uint32Array),
    brandId: new GrowableArray(Uint32Array),
    priceCents: new GrowableArray(Uint32Array),
    ageMin: new GrowableArray(Uint16Array),
    ageMax: new GrowableArray(Uint16Array),
    rating: new GrowableArray(Uint8Array),
    reviewCount: new GrowableArray(Uint32Array),
    salesRank: new GrowableArray(Uint32Array),
    createdAt: new GrowableArray(Float64Array),
    inStock: new GrowableArray(Uint8Array),
    titleHash: new GrowableArray(Uint32Array),
    textHash: new GrowableArray(Uint32Array),
  };
}

/** What the builder may know ahead. */
export interface BuilderOptions {
  /**
   * About how many products will be added: description words found in more descriptions than
   * `descriptionLimit` of that many are dropped as they cross it rather than kept to the end.
   */
  readonly expectedProducts?: number;
}

/**
 * Builds a `BaseIndex` from products streamed in once, in any order: each product's terms go to
 * the forward index as it arrives, and the postings are its transpose, made at the end with one
 * counting pass, so memory stays a few bytes per word and nothing is sorted but the vocabulary.
 * Description words are kept aside until the end, when those too common to index are known.
 */
export class IndexBuilder {
  readonly #taxonomy: SearchTaxonomy;
  readonly #brandNames: Map<number, string>;
  readonly #categoryNames: Map<number, string>;
  /** Folded word → term id, and stem → term id. */
  readonly #wordTerms = new WordTable();
  readonly #termIds = new Map<string, number>();
  readonly #terms: string[] = [];
  readonly #forwardOffsets = new GrowableArray(Uint32Array);
  readonly #forwardTerms = new GrowableArray(Uint32Array, 1 << 16);
  /** Weighted term frequency until the mean length is known, then the impact. */
  readonly #forwardTf = new GrowableArray(Float32Array, 1 << 16);
  /** Each product's description terms and how often each occurs, beside the forward index. */
  readonly #descriptionOffsets = new GrowableArray(Uint32Array);
  readonly #descriptionTerms = new GrowableArray(Uint32Array, 1 << 16);
  readonly #descriptionCounts = new GrowableArray(Uint8Array, 1 << 16);
  /** Term → descriptions holding it; past `#commonLimit` its description entries are not kept. */
  readonly #descriptionDf: number[] = [];
  readonly #commonLimit: number;
  readonly #lengths = new GrowableArray(Uint16Array);
  readonly #facts = newFacts();
  #totalLength = 0;
  #maxId = 0;
  /** One product's terms while it is analysed. */
  readonly #counter = new TermCounter();

  constructor(taxonomy: SearchTaxonomy, options: BuilderOptions = {}) {
    this.#taxonomy = taxonomy;
    this.#brandNames = new Map(taxonomy.brands.map((b) => [b.id, b.name]));
    this.#categoryNames = new Map(taxonomy.categories.map((c) => [c.id, c.name]));
    this.#forwardOffsets.push(0);
    this.#descriptionOffsets.push(0);
    this.#commonLimit =
      options.expectedProducts === undefined
        ? Infinity
        : descriptionLimit(options.expectedProducts);
  }

  get count(): number {
    return this.#lengths.length;
  }

  add(row: CatalogRow): void {
    const names: DocumentNames = {
      brand: this.#brandNames.get(row.brandId),
      category: this.#categoryNames.get(row.categoryId),
    };
    const { terms, weights: tfs } = this.#counter;
    this.#counter.start();
    const length = documentWords(row, names, (word, weight) =>
      this.#counter.add(this.#termFor(word), weight),
    );
    for (let i = 0; i < terms.length; i++) {
      this.#forwardTerms.push(terms[i]!);
      this.#forwardTf.push(tfs[i]!);
    }
    this.#forwardOffsets.push(this.#forwardTerms.length);
    this.#addDescription(row);
    this.#lengths.push(Math.min(length, 0xffff));
    this.#totalLength += length;
    this.#maxId = Math.max(this.#maxId, row.id);
    const f = this.#facts;
    f.productId.push(row.id);
    f.categoryId.push(row.categoryId);
    f.brandId.push(row.brandId);
    f.priceCents.push(row.priceCents);
    f.ageMin.push(row.ageMinMonths);
    f.ageMax.push(row.ageMaxMonths);
    f.rating.push(Math.round(row.rating * 10));
    f.reviewCount.push(row.reviewCount);
    f.salesRank.push(row.salesRank);
    f.createdAt.push(row.createdAt);
    f.inStock.push(row.available > 0 ? 1 : 0);
    f.titleHash.push(textHash(normalizedText(row.title)));
    f.textHash.push(documentTextHash(row));
  }

  /** The finished index, reflecting the change feed up to `position`. */
  finish(position: number, builtAt = Date.now()): BaseIndex {
    const docs = this.count;
    const averageLength = docs === 0 ? 1 : Math.max(1, this.#totalLength / docs);
    // Documents are numbered by category, best-sellers first: products of one category share
    // their words, so a term's postings fall in a few dense runs and a query reads the facts of
    // its candidates from neighbouring memory instead of from all over the table.
    const f = this.#facts;
    const order = documentOrder(f.categoryId.view(), f.salesRank.view());
    const lengths = permute(this.#lengths.view(), order);
    const termCount = this.#terms.length;
    const limit = Math.min(this.#commonLimit, descriptionLimit(docs));
    const descriptionTerms = new Uint8Array(termCount);
    for (let t = 0; t < termCount; t++) {
      const df = this.#descriptionDf[t] ?? 0;
      descriptionTerms[t] = df > 0 && df <= limit ? 1 : 0;
    }
    const {
      offsets: forwardOffsets,
      terms: forwardTerms,
      tfs: forwardTf,
    } = mergeForward(
      order,
      {
        offsets: this.#forwardOffsets.view(),
        terms: this.#forwardTerms.view(),
        tfs: this.#forwardTf.view(),
      },
      {
        offsets: this.#descriptionOffsets.view(),
        terms: this.#descriptionTerms.view(),
        counts: this.#descriptionCounts.view(),
        keep: descriptionTerms,
        weight: FIELD_WEIGHTS.description,
      },
    );
    for (const array of [
      this.#forwardOffsets,
      this.#forwardTerms,
      this.#forwardTf,
      this.#descriptionOffsets,
      this.#descriptionTerms,
      this.#descriptionCounts,
    ]) {
      array.release();
    }
    const forwardImpacts = new Uint8Array(forwardTerms.length);
    const df = new Uint32Array(termCount + 1);
    for (let d = 0; d < docs; d++) {
      const length = lengths[d]!;
      for (let k = forwardOffsets[d]!; k < forwardOffsets[d + 1]!; k++) {
        forwardImpacts[k] = impactOf(forwardTf[k]!, length, averageLength);
        df[forwardTerms[k]!]!++;
      }
    }
    const postingOffsets = prefixSums(df, termCount);
    const next = postingOffsets.slice(0, termCount);
    const postingDocs = new Uint32Array(forwardTerms.length);
    const postingImpacts = new Uint8Array(forwardTerms.length);
    for (let d = 0; d < docs; d++) {
      for (let k = forwardOffsets[d]!; k < forwardOffsets[d + 1]!; k++) {
        const at = next[forwardTerms[k]!]!++;
        postingDocs[at] = d;
        postingImpacts[at] = forwardImpacts[k]!;
      }
    }
    const categoryId = permute(f.categoryId.view(), order);
    const { offsets: categoryOffsets, docs: categoryDocs } = groupBy(categoryId, docs);
    // Words only ever seen in descriptions, where they were too common to keep, find nothing.
    const words = [...this.#wordTerms.entries()]
      .filter(([, term]) => df[term]! > 0)
      .map(([word]) => word)
      .sort();
    const wordText = packStrings(words);
    const termText = packStrings(this.#terms);
    const productId = permute(f.productId.view(), order);
    const { records, ages } = packRecords(f, order);
    const arrays: IndexArrays = {
      postingOffsets,
      postingDocs,
      postingImpacts,
      forwardOffsets,
      forwardTerms,
      forwardImpacts,
      termText: termText.bytes,
      termTextOffsets: termText.offsets,
      wordText: wordText.bytes,
      wordTextOffsets: wordText.offsets,
      wordTerms: Uint32Array.from(words, (word) => this.#wordTerms.find(word, 0, word.length)),
      categoryOffsets,
      categoryDocs,
      hot: records.hot,
      cold: records.cold,
      categoryId: records.categoryId,
      brandId: records.brandId,
      productDocs: ProductDocs.dense(productId),
      productId,
      reviewCount: permute(f.reviewCount.view(), order),
      ageMin: permute(f.ageMin.view(), order),
      ageMax: permute(f.ageMax.view(), order),
      createdAt: permute(f.createdAt.view(), order),
      textHash: permute(f.textHash.view(), order),
      descriptionTerms,
    };
    return BaseIndex.pack(arrays, {
      docs,
      terms: termCount,
      words: words.length,
      averageLength,
      taxonomy: this.#taxonomy,
      position,
      builtAt,
      fingerprint: { count: docs, maxId: this.#maxId },
      ageClasses: ages.ranges,
      maxCategoryId: largest(f.categoryId.view()),
      maxBrandId: largest(f.brandId.view()),
    });
  }

  /** Files the product's description terms, unless a term is already known to be too common. */
  #addDescription(row: CatalogRow): void {
    const { terms, weights: counts } = this.#counter;
    this.#counter.start();
    descriptionWords(row, (source, start, end) => {
      const known = this.#wordTerms.find(source, start, end);
      this.#counter.add(known === -1 ? this.#termFor(source.slice(start, end)) : known, 1);
    });
    const df = this.#descriptionDf;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      const seen = (df[term] ?? 0) + 1;
      df[term] = seen;
      if (seen > this.#commonLimit) continue;
      this.#descriptionTerms.push(term);
      this.#descriptionCounts.push(Math.min(255, counts[i]!));
    }
    this.#descriptionOffsets.push(this.#descriptionTerms.length);
  }

  #termFor(word: string): number {
    let id = this.#wordTerms.find(word, 0, word.length);
    if (id === -1) {
      id = this.#termOfStem(termOf(word));
      this.#wordTerms.add(word, id);
    }
    return id;
  }

  #termOfStem(stem: string): number {
    let id = this.#termIds.get(stem);
    if (id === undefined) {
      id = this.#terms.length;
      this.#terms.push(stem);
      this.#termIds.set(stem, id);
    }
    return id;
  }
}
