export { ProxyServer } from './proxy-server.js';
export type {
  ProxyServerOptions,
  UpstreamPool,
  SessionIssuer,
  RequestThrottle,
  ResponseKind,
} from './proxy-server-options.js';
export {
  PageCache,
  MemoryPageStore,
  DiskPageStore,
  TieredPageStore,
  StoredPage,
  tagForChange,
  type PageStore,
} from './page-cache/index.js';
export { StaticFiles } from './static-files/index.js';
export { DEFAULT_TIMEOUTS, type ProxyTimeouts } from './http-guard/index.js';
export {
  AdminForbiddenError,
  RequestBodyTooLargeError,
  TooManyRequestsError,
  PageStoreError,
} from './errors.js';
export { SessionCookies, DEFAULT_SESSION_COOKIE } from '../shared/index.js';
export { SessionMinter } from './session/index.js';
export {
  StickyBalancer,
  UpstreamUnavailableError,
  UpstreamFailedError,
  exchange,
} from './balancer/index.js';
export {
  Throttle,
  MemoryThrottleStore,
  RedisThrottleStore,
  type ThrottleStore,
} from './throttle/index.js';
export {
  Operations,
  ProxyMetrics,
  clusterProcesses,
  CLUSTER_FILE,
  type ProcessInfo,
} from './operations/index.js';
