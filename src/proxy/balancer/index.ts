export {
  StickyBalancer,
  type StickyBalancerOptions,
  type UpstreamRequest,
  type UpstreamResponse,
  type AttemptReport,
} from './sticky-balancer.js';
export { UpstreamUnavailableError, UpstreamFailedError } from './errors.js';
export { exchange } from './upstream.js';
export { withoutHopByHop, HOP_BY_HOP, type Headers } from './hop-by-hop.js';
