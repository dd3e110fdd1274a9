export { Application, type Controller, type ApplicationOptions } from './controller/application.js';
export {
  RequestContext,
  type CachePolicy,
  HTML_SECURITY_HEADERS,
} from './controller/request-context.js';
export type { AppRequest, AppResponse } from './controller/exchange.js';
export {
  stringParam,
  intParam,
  moneyParam,
  choiceParam,
  idSegment,
  MAX_PARAM_LENGTH,
  formParams,
} from './controller/params.js';
export { Freshness } from './model/freshness.js';
export { Views, type ViewsOptions } from './view/views.js';
export { AppServer, DEFAULT_TIMEOUTS, type ServerTimeouts } from './app-server.js';
export { TemplateError, MethodNotAllowedError, PayloadTooLargeError } from './errors.js';
export {
  PartitionedModel,
  type PartitionedModelOptions,
  type Versioned,
} from './model/partitioned-model.js';
export { ObjectCache, type CacheTier } from './model/object-cache.js';
export { MemoryStore } from './model/stores/memory-store.js';
export { LmdbStore, type LmdbStoreOptions } from './model/stores/lmdb-store.js';
export type { CacheStore, CacheEntry } from './model/stores/cache-store.js';
export { objectCacheLookups } from './model/cache-metrics.js';
export { UnknownPartError, ModelInputError } from './errors.js';
export { metrics } from './controller/metrics.js';
