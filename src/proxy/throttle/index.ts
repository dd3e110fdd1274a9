export { Throttle } from './throttle.js';
export type { ThrottleStore, ThrottleDecision } from './throttle-store.js';
export { MemoryThrottleStore } from './memory-throttle-store.js';
export { RedisThrottleStore } from './redis-throttle-store.js';
export { renderTooManyRequestsPage, TOO_MANY_REQUESTS_CSP } from './too-many-requests-page.js';
