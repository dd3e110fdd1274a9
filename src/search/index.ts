export { SearchClient, type SearchAnswer, type SearchClientOptions } from './search-client.js';
export { SearchServer, type SearchServerOptions, type ReindexReport } from './search-server.js';
export { IndexBuildError, SearchUnavailableError, SnapshotError } from './errors.js';
export { searchParams, searchQueryString } from './search-params.js';
export {
  SearchEngine,
  IndexBuilder,
  BaseIndex,
  SEARCH_SORTS,
  PRICE_BANDS,
  AGE_YEARS,
  MAX_PER_PAGE,
  MAX_RESULT_WINDOW,
  type SearchSort,
  type SearchRequest,
  type SearchResult,
  type Facets,
  type FacetCount,
  type Suggestion,
  type CatalogRow,
  type SearchTaxonomy,
  analyzeQuery,
  termOf,
  words,
} from './engine/index.js';
export { buildFromDatabase, loadTaxonomy, catalogRows } from './catalog-source.js';
