/** The client-facing timeouts of the proxy, in milliseconds. */
export interface ProxyTimeouts {
  /** A client must send its whole head within this (slowloris). */
  readonly headersMs: number;
  /** …and its whole request, body included, within this. */
  readonly requestMs: number;
  /** An idle keep-alive connection is closed after this. */
  readonly keepAliveMs: number;
  /** A connection whose answer has not moved for this long (a client that stopped reading) is closed. */
  readonly stalledWriteMs: number;
}

export const DEFAULT_TIMEOUTS: ProxyTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 15_000,
  stalledWriteMs: 60_000,
};

/**
 * node:http server options that enforce `timeouts`. The connections are checked every second,
 * so a slow client is closed within the header timeout plus one second.
 */
export function serverOptions(timeouts: ProxyTimeouts) {
  for (const [name, value] of Object.entries(timeouts)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new TypeError(
        `options.timeouts.${name} must be a positive integer (got ${String(value)})`,
      );
    }
  }
  if (timeouts.headersMs > timeouts.requestMs) {
    throw new TypeError('options.timeouts.headersMs must not exceed options.timeouts.requestMs');
  }
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: 1000,
    // 16 KiB heads at most (431 above), and no more than 100 fields.
    maxHeaderSize: 16 * 1024,
    requireHostHeader: true,
    joinDuplicateHeaders: false,
  } as const;
}
