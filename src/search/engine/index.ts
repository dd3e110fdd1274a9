export { SearchEngine, DEFAULT_PER_PAGE } from './search-engine.js';
export { IndexBuilder } from './index-builder.js';
export { BaseIndex, INDEX_FORMAT, type BaseIndexMeta } from './base-index.js';
export type { CatalogRow, SearchTaxonomy, SearchCategory, SearchBrand } from './catalog-row.js';
export {
  SEARCH_SORTS,
  MAX_PER_PAGE,
  MAX_RESULT_WINDOW,
  PRICE_BANDS,
  AGE_YEARS,
  type SearchSort,
  type SearchRequest,
  type SearchResult,
  type Facets,
  type FacetCount,
  type Suggestion,
} from './search-request.js';
export { analyzeQuery, words, termOf, type AnalyzedQuery } from './analyzer.js';
