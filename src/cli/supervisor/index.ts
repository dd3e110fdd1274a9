export { Supervisor } from './supervisor.js';
export { type ChildSpec } from './supervised-child.js';
export { freePort } from './free-port.js';
export { CLUSTER_FILE } from './cluster-file.js';
