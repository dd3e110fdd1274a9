import { YuletideError } from '../../shared/index.js';

/** No app server could be reached (all out of rotation, or each refused): nothing was delivered. */
export class UpstreamUnavailableError extends YuletideError {
  constructor(message = 'No app server could be reached', options?: { cause?: unknown }) {
    super('YT_ERR_UPSTREAM_UNAVAILABLE', 503, message, options);
  }
}

/**
 * A request that may have reached an app server failed before its whole response arrived, and
 * may not be replayed (a POST): the client must decide, as RFC 9110 §9.2.2 leaves it to them.
 */
export class UpstreamFailedError extends YuletideError {
  readonly upstream: string;

  constructor(upstream: string, options?: { cause?: unknown }) {
    super(
      'YT_ERR_UPSTREAM_FAILED',
      502,
      `${upstream} failed during a non-idempotent request`,
      options,
    );
    this.upstream = upstream;
  }
}
