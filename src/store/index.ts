export { createStoreApp, type StoreOptions } from './store-app.js';
export { Catalog, type CatalogTtl } from './catalog/catalog.js';
export type { StoreServices } from './services.js';
export { startInvalidation } from './invalidation.js';
