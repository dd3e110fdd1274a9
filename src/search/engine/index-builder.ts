import { BaseIndex, type IndexArrays } from './base-index.js';
import { termOf, normalizedText } from './analyzer.js';
import { impactOf } from './bm25.js';
import type { CatalogRow, SearchTaxonomy } from './catalog-row.js';
import { documentTextHash, documentWords, type DocumentNames } from './document-text.js';
import { GrowableArray } from './growable-array.js';
import { ProductDocs } from './product-docs.js';
import {
  documentOrder,
  groupBy,
  largest,
  packRecords,
  packStrings,
  permute,
  permuteForward,
  prefixSums,
} from './index-layout.js';
import { textHash } from './text-hash.js';

/**
 * Builds a `BaseIndex` from products streamed in once, in any order: each product's terms go to
 * the forward index as it arrives, and the postings are its transpose, made at the end with one
 * counting pass, so memory stays a few bytes per word and nothing is sorted but the vocabulary.
 */
export class IndexBuilder {
  readonly #taxonomy: SearchTaxonomy;
  readonly #brandNames: Map<number, string>;
  readonly #categoryNames: Map<number, string>;
  /** Folded word → term id, and stem → term id. */
  readonly #wordTerms = new Map<string, number>();
  readonly #termIds = new Map<string, number>();
  readonly #terms: string[] = [];
  readonly #forwardOffsets = new GrowableArray(Uint32Array);
  readonly #forwardTerms = new GrowableArray(Uint32Array, 1 << 16);
  /** Weighted term frequency until the mean length is known, then the impact. */
  readonly #forwardTf = new GrowableArray(Float32Array, 1 << 16);
  readonly #lengths = new GrowableArray(Uint16Array);
  readonly #facts = {
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
  #totalLength = 0;
  #maxId = 0;
  // One product's terms while it is analysed: few enough that a linear search beats a Map.
  readonly #docTerms: number[] = [];
  readonly #docTf: number[] = [];

  constructor(taxonomy: SearchTaxonomy) {
    this.#taxonomy = taxonomy;
    this.#brandNames = new Map(taxonomy.brands.map((b) => [b.id, b.name]));
    this.#categoryNames = new Map(taxonomy.categories.map((c) => [c.id, c.name]));
    this.#forwardOffsets.push(0);
  }

  get count(): number {
    return this.#lengths.length;
  }

  add(row: CatalogRow): void {
    const names: DocumentNames = {
      brand: this.#brandNames.get(row.brandId),
      category: this.#categoryNames.get(row.categoryId),
    };
    const terms = this.#docTerms;
    const tfs = this.#docTf;
    terms.length = 0;
    tfs.length = 0;
    const length = documentWords(row, names, (word, weight) => {
      const term = this.#termFor(word);
      const at = terms.indexOf(term);
      if (at === -1) {
        terms.push(term);
        tfs.push(weight);
      } else tfs[at]! += weight;
    });
    for (let i = 0; i < terms.length; i++) {
      this.#forwardTerms.push(terms[i]!);
      this.#forwardTf.push(tfs[i]!);
    }
    this.#forwardOffsets.push(this.#forwardTerms.length);
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
    const order = documentOrder(f.categoryId.toArray(), f.salesRank.toArray());
    const lengths = permute(this.#lengths.toArray(), order);
    const {
      offsets: forwardOffsets,
      terms: forwardTerms,
      tfs: forwardTf,
    } = permuteForward(
      this.#forwardOffsets.toArray(),
      this.#forwardTerms.toArray(),
      this.#forwardTf.toArray(),
      order,
    );
    const forwardImpacts = new Uint8Array(forwardTerms.length);
    const termCount = this.#terms.length;
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
    const categoryId = permute(f.categoryId.toArray(), order);
    const { offsets: categoryOffsets, docs: categoryDocs } = groupBy(categoryId, docs);
    const words = [...this.#wordTerms.keys()].sort();
    const wordText = packStrings(words);
    const termText = packStrings(this.#terms);
    const productId = permute(f.productId.toArray(), order);
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
      wordTerms: Uint32Array.from(words, (word) => this.#wordTerms.get(word)!),
      categoryOffsets,
      categoryDocs,
      hot: records.hot,
      cold: records.cold,
      categoryId: records.categoryId,
      brandId: records.brandId,
      productDocs: ProductDocs.dense(productId),
      productId,
      reviewCount: permute(f.reviewCount.toArray(), order),
      ageMin: permute(f.ageMin.toArray(), order),
      ageMax: permute(f.ageMax.toArray(), order),
      createdAt: permute(f.createdAt.toArray(), order),
      textHash: permute(f.textHash.toArray(), order),
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
      maxCategoryId: largest(f.categoryId.toArray()),
      maxBrandId: largest(f.brandId.toArray()),
    });
  }

  #termFor(word: string): number {
    let id = this.#wordTerms.get(word);
    if (id === undefined) {
      const stem = termOf(word);
      id = this.#termIds.get(stem);
      if (id === undefined) {
        id = this.#terms.length;
        this.#terms.push(stem);
        this.#termIds.set(stem, id);
      }
      this.#wordTerms.set(word, id);
    }
    return id;
  }
}
