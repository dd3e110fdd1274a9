import type { BaseIndexMeta, CatalogRow, SearchRequest, SearchTaxonomy } from './engine/index.js';

/** Messages the main thread sends a query thread. */
export type ToQueryThread =
  | { readonly type: 'search'; readonly id: number; readonly request: SearchRequest }
  | {
      readonly type: 'index';
      /** Numbers the loads, so an answer is matched to the load it ends. */
      readonly load: number;
      readonly buffer: SharedArrayBuffer;
      readonly meta: BaseIndexMeta;
      readonly taxonomy: SearchTaxonomy;
      /** Products changed since the index was built, to apply on top of it. */
      readonly rows: readonly CatalogRow[];
      readonly removed: readonly number[];
    }
  | {
      readonly type: 'apply';
      readonly rows: readonly CatalogRow[];
      readonly removed: readonly number[];
    }
  | { readonly type: 'taxonomy'; readonly taxonomy: SearchTaxonomy };

/** Messages a query thread sends back. */
export type FromQueryThread =
  | { readonly type: 'result'; readonly id: number; readonly body: string }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  /** Load `load` serves from now on. */
  | { readonly type: 'loaded'; readonly load: number; readonly products: number };
