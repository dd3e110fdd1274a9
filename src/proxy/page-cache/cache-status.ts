/** The cache's name in `Cache-Status` (RFC 9211 §2). */
export const CACHE_NAME = 'Yuletide';

/** A hit: served from the cache without contacting the origin (RFC 9211 §2.1, §2.4 `ttl`). */
export function hitStatus(ttlSeconds: number, detail?: string): string {
  return `${CACHE_NAME}; hit; ttl=${ttlSeconds}${detail ? `; detail=${detail}` : ''}`;
}

/**
 * A forward (RFC 9211 §2.2): `reason` is why (`uri-miss`, `vary-miss`, `stale`, `request`,
 * `method`, `bypass`), `status` what the origin answered, `stored` whether the answer was kept.
 */
export function forwardStatus(
  reason: string,
  options: {
    status?: number;
    stored?: boolean;
    ttl?: number;
    collapsed?: boolean;
    detail?: string;
  } = {},
): string {
  let value = `${CACHE_NAME}; fwd=${reason}`;
  if (options.status !== undefined) value += `; fwd-status=${options.status}`;
  if (options.stored) value += '; stored';
  if (options.collapsed) value += '; collapsed';
  if (options.ttl !== undefined) value += `; ttl=${options.ttl}`;
  if (options.detail) value += `; detail=${options.detail}`;
  return value;
}
