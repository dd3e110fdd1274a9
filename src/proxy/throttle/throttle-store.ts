/** What a throttle store answers for one request. */
export interface ThrottleDecision {
  readonly allowed: boolean;
  /** Whole seconds until a refused client may try again (RFC 9110 §10.2.3); 0 when allowed. */
  readonly retryAfterSeconds: number;
}

/**
 * Where the token buckets live. Each key has a bucket of `burst` tokens refilled at `rate` a
 * second; a request takes one. One contract suite runs over every implementation.
 */
export interface ThrottleStore {
  take(key: string, rate: number, burst: number): Promise<ThrottleDecision>;
  close(): Promise<void>;
}

/** Whole seconds until one token is back in a bucket holding `tokens` (< 1), at least 1. */
export function secondsUntilToken(tokens: number, rate: number): number {
  return Math.max(1, Math.ceil((1 - tokens) / rate));
}
