export { Operations, type ClusterStatus } from './operations.js';
export {
  OperationsEndpoint,
  OPERATIONS_PATHS,
  type OperationsPages,
} from './operations-endpoint.js';
export { ProxyMetrics, type CacheOutcome } from './proxy-metrics.js';
export { clusterProcesses, CLUSTER_FILE, type ProcessInfo } from './cluster-processes.js';
export { WINDOW_SECONDS, type TrafficPoint } from './traffic-window.js';
