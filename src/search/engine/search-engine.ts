import { analyzeQuery, type AnalyzedQuery } from './analyzer.js';
import type { BaseIndex } from './base-index.js';
import { FIELD_WEIGHTS, impactOf } from './bm25.js';
import type { CatalogRow, SearchTaxonomy } from './catalog-row.js';
import { CategoryTree } from './category-tree.js';
import { Dictionary } from './dictionary.js';
import { DocTable } from './doc-table.js';
import { descriptionWords, documentTextHash, documentWords } from './document-text.js';
import { FacetCounter } from './facet-counter.js';
import { CandidateSet, type IndexView } from './candidate-set.js';
import type { Filters } from './filters.js';
import { rankAndCount } from './rank-and-count.js';
import { LiveOverlay } from './live-overlay.js';
import { ProductDocs } from './product-docs.js';
import { planQuery } from './query-plan.js';
import {
  MAX_PER_PAGE,
  MAX_RESULT_WINDOW,
  type SearchRequest,
  type SearchResult,
  type SearchSort,
} from './search-request.js';
import { suggest } from './suggester.js';
import { textHash } from './text-hash.js';
import { TermCounter } from './term-counter.js';
import { TopK } from './top-k.js';
import { drain, type Sliced } from './slices.js';

export const DEFAULT_PER_PAGE = 24;

/** What an engine holds besides the shared base: this thread's copies, made in slices. */
export interface EngineParts {
  readonly docs: DocTable;
  readonly dictionary: Dictionary;
  readonly products: ProductDocs;
}

/**
 * One thread's search engine: the shared base index plus this thread's copy of the products'
 * facts and the words of products changed since the build. `search` answers a query with the
 * total, one page of ids and facet counts; `apply` and `remove` take live changes. See
 * docs/search.md for the algorithm.
 */
export class SearchEngine {
  readonly base: BaseIndex;
  readonly #docs: DocTable;
  readonly #dictionary: Dictionary;
  readonly #overlay = new LiveOverlay();
  readonly #products: ProductDocs;
  // Scratch a search writes into: one search runs at a time, so an engine that replaces another
  // on the same thread takes over its scratch rather than allocating tens of megabytes more.
  readonly #facets: FacetCounter;
  readonly #top: TopK;
  readonly #candidates: CandidateSet;
  readonly #counter = new TermCounter();
  #tree: CategoryTree;
  #brandNames: Map<number, string>;
  #categoryNames: Map<number, string>;

  /**
   * An engine over `base`, made at once. (`prepared` is for `prepare`: the parts it made in
   * slices, and the engine whose scratch it takes over.)
   */
  constructor(base: BaseIndex, prepared?: { parts: EngineParts; current?: SearchEngine }) {
    this.base = base;
    const { docs, dictionary, products } = prepared?.parts ?? drain(parts(base));
    this.#docs = docs;
    this.#dictionary = dictionary;
    this.#products = products;
    const current = prepared?.current;
    this.#facets = current === undefined ? new FacetCounter() : current.#facets;
    this.#top = current === undefined ? new TopK() : current.#top;
    this.#candidates = current === undefined ? new CandidateSet() : current.#candidates;
    this.#tree = new CategoryTree(base.meta.taxonomy);
    this.#brandNames = new Map();
    this.#categoryNames = new Map();
    this.setTaxonomy(base.meta.taxonomy);
    this.#fitScratch();
  }

  /**
   * An engine over `base`, made a slice at a time so that the thread can keep answering with
   * `current` in between. The new engine takes over `current`'s scratch arrays: once it is
   * returned, only it may search.
   */
  static *prepare(base: BaseIndex, current?: SearchEngine): Sliced<SearchEngine> {
    const made = yield* parts(base);
    return new SearchEngine(base, { parts: made, ...(current && { current }) });
  }

  /** Products searchable now. */
  get size(): number {
    return this.#products.size;
  }

  /** Documents added by live changes since the base was built. */
  get changedSinceBuild(): number {
    return this.#overlay.size;
  }

  setTaxonomy(taxonomy: SearchTaxonomy): void {
    this.#tree = new CategoryTree(taxonomy);
    this.#brandNames = new Map(taxonomy.brands.map((b) => [b.id, b.name]));
    this.#categoryNames = new Map(taxonomy.categories.map((c) => [c.id, c.name]));
  }

  search(request: SearchRequest): SearchResult {
    const perPage = Math.min(
      MAX_PER_PAGE,
      Math.max(1, Math.floor(request.perPage ?? DEFAULT_PER_PAGE)),
    );
    const page = Math.max(1, Math.floor(request.page ?? 1));
    const query = analyzeQuery(request.q);
    const sort = request.sort ?? (query.words.length > 0 ? 'relevance' : 'best-selling');
    const filters = this.#filters(request);
    const offset = (page - 1) * perPage;
    const base = { sort, page, perPage };
    if (filters === undefined || (query.words.length === 0 && !filters.any)) {
      this.#facets.reset(0, 0, 0);
      const facets = this.#facets.facets(this.#tree, this.#docs.ages);
      return { total: 0, ids: [], facets, suggestions: [], ...base };
    }
    const window = Math.min(MAX_RESULT_WINDOW, offset + perPage);
    const effective = sort === 'relevance' && query.words.length === 0 ? 'best-selling' : sort;
    const { total, docs } = this.#run(query, filters, effective, window, true);
    const facets = this.#facets.facets(this.#tree, this.#docs.ages);
    const productId = this.#docs.productId;
    const ids = docs.slice(offset, offset + perPage).map((d) => productId[d]!);
    const suggestions =
      total === 0 && query.words.length > 0
        ? suggest(
            query,
            this.#dictionary,
            (t) => this.#df(t),
            (q) => this.#finds(q, filters),
          )
        : [];
    return { total, ids, facets, suggestions, ...base };
  }

  /** Adds or updates products; a product whose words changed is indexed again as a new document. */
  apply(rows: readonly CatalogRow[]): void {
    for (const row of rows) {
      const existing = this.#products.get(row.id);
      const docs = this.#docs;
      if (
        existing !== undefined &&
        docs.isLive(existing) &&
        docs.textHash[existing] === documentTextHash(row)
      ) {
        docs.set(existing, row);
        continue;
      }
      if (existing !== undefined) docs.kill(existing);
      const doc = docs.append(row);
      this.#products.set(row.id, doc);
      this.#indexText(doc, row);
    }
    this.#fitScratch();
  }

  /** Removes products from results. */
  remove(ids: readonly number[]): void {
    for (const id of ids) {
      const doc = this.#products.get(id);
      if (doc !== undefined) {
        this.#docs.kill(doc);
        this.#products.delete(id);
      }
    }
  }

  #indexText(doc: number, row: CatalogRow): void {
    const counter = this.#counter;
    counter.start();
    const names = {
      brand: this.#brandNames.get(row.brandId),
      category: this.#categoryNames.get(row.categoryId),
    };
    const length = documentWords(row, names, (word, weight) =>
      counter.add(this.#dictionary.termForNewText(word), weight),
    );
    // As the build decided: a description word too common when it ran stays unindexed; a term
    // the build never saw is rare by definition.
    const { descriptionTerms } = this.base.arrays;
    descriptionWords(row, (source, start, end) => {
      const term = this.#dictionary.termForNewText(source.slice(start, end));
      if (term >= descriptionTerms.length || descriptionTerms[term] === 1) {
        counter.add(term, FIELD_WEIGHTS.description);
      }
    });
    const average = this.base.meta.averageLength;
    this.#overlay.add(
      doc,
      counter.terms,
      counter.weights.map((tf) => impactOf(tf, length, average)),
    );
  }

  #fitScratch(): void {
    this.#candidates.fit(this.#docs.capacity, this.#dictionary.termCount);
  }

  #view(): IndexView {
    return {
      base: this.base,
      overlay: this.#overlay,
      docs: this.#docs,
    };
  }

  #df(term: number): number {
    const offsets = this.base.arrays.postingOffsets;
    const base = term < this.base.meta.terms ? offsets[term + 1]! - offsets[term]! : 0;
    return base + this.#overlay.df(term);
  }

  /** Whether `q` with these filters finds anything; stops at the first match. */
  #finds(q: string, filters: Filters): boolean {
    return this.#run(analyzeQuery(q), filters, 'best-selling', 0, false, 1).total > 0;
  }

  /** Resolves slugs and ranges; undefined when a filter names nothing that exists (no results). */
  #filters(request: SearchRequest): Filters | undefined {
    let categoryMask: Uint8Array | undefined;
    let categoryIds: number[] | undefined;
    if (request.category !== undefined) {
      const category = this.#tree.category(request.category);
      if (!category) return undefined;
      ({ mask: categoryMask, ids: categoryIds } = this.#tree.subtree(category));
    }
    let brandId = -1;
    if (request.brand !== undefined) {
      const brand = this.#tree.brand(request.brand);
      if (!brand) return undefined;
      brandId = brand.id;
    }
    const minPrice = request.minPriceCents ?? 0;
    const maxPrice = request.maxPriceCents ?? 0xffffffff;
    const ageSuits =
      request.ageYears === undefined ? undefined : this.#docs.ages.suiting(request.ageYears * 12);
    const inStock = request.inStock === true;
    const any =
      categoryMask !== undefined ||
      brandId >= 0 ||
      minPrice > 0 ||
      maxPrice < 0xffffffff ||
      ageSuits !== undefined ||
      inStock;
    return { any, categoryMask, categoryIds, brandId, minPrice, maxPrice, ageSuits, inStock };
  }

  /** Finds, filters, scores and ranks; keeps the best `k` and counts facets when asked. */
  #run(
    query: AnalyzedQuery,
    filters: Filters,
    sort: SearchSort,
    k: number,
    countFacets: boolean,
    stopAfter = Infinity,
  ): { total: number; docs: number[] } {
    const set = this.#candidates;
    const view = this.#view();
    const facets = countFacets ? this.#facets : undefined;
    const docs = this.#docs;
    facets?.reset(
      Math.max(this.#tree.categoryLimit, docs.maxCategoryId + 1),
      Math.max(this.#tree.brandLimit, docs.maxBrandId + 1),
      docs.ages.count,
    );
    if (query.words.length > 0) {
      const plan = planQuery(query, this.#dictionary, (t) => this.#df(t), this.#docs.length);
      if (plan === undefined) return { total: 0, docs: [] };
      plan.sort((a, b) => a.cost - b.cost);
      set.gather(plan[0]!, view, plan.length > 1);
      for (let w = 1; w < plan.length && set.count > 0; w++) set.require(plan[w]!, view);
    } else {
      set.browse(filters.categoryIds, view);
    }
    const top = k > 0 ? this.#top : undefined;
    top?.reset(k);
    const hash = textHash(query.normalized);
    const total = rankAndCount(set, this.#docs, filters, facets, top, sort, hash, stopAfter);
    return { total, docs: top ? top.sorted() : [] };
  }
}

/** The thread's own copies of `base`'s facts, vocabulary and product map, a slice at a time. */
function* parts(base: BaseIndex): Sliced<EngineParts> {
  const docs = yield* DocTable.prepare(base);
  const dictionary = yield* Dictionary.prepare(base);
  const products = new ProductDocs(base.arrays.productDocs, base.arrays.productId, base.meta.docs);
  yield;
  return { docs, dictionary, products };
}
