export {
  PageCache,
  type PageCacheOptions,
  type CacheRequest,
  type CacheAnswer,
  type CacheOutcome,
  type Origin,
  type OriginResponse,
} from './page-cache.js';
export type { PageStore } from './page-store.js';
export { MemoryPageStore } from './memory-page-store.js';
export { DiskPageStore, type DiskPageStoreOptions } from './disk-page-store.js';
export { TieredPageStore } from './tiered-page-store.js';
export { StoredPage, surrogateKeys, type Headers } from './stored-page.js';
export { CACHE_NAME, forwardStatus, hitStatus } from './cache-status.js';
export { tagForChange } from './change-tags.js';
