export { refusal, type Refusal } from './request-guard.js';
export { answerClientError } from './client-error.js';
export { forwardedHeaders, type ForwardedFor } from './forwarded-headers.js';
export { AdminAccess, isLoopback } from './admin-access.js';
export { DEFAULT_TIMEOUTS, serverOptions, type ProxyTimeouts } from './server-timeouts.js';
export { RequestIds } from './request-ids.js';
export { StalledWriters } from './stalled-writers.js';
