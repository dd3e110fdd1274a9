/** Headers as node:http and undici give them. */
export type Headers = Record<string, string | string[] | undefined>;

/**
 * Connection-specific fields (RFC 9110 §7.6.1) that a proxy must not forward, plus the ones
 * that describe a body this tier re-frames itself (`content-length` of a request body undici
 * sends from a Buffer, `expect` which undici does not support).
 */
export const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** A copy of `headers` without hop-by-hop fields and those the `Connection` header names. */
export function withoutHopByHop(headers: Headers, alsoDrop: readonly string[] = []): Headers {
  const drop = new Set(alsoDrop);
  const connection = headers['connection'];
  for (const value of Array.isArray(connection) ? connection : [connection]) {
    for (const name of value?.split(',') ?? []) drop.add(name.trim().toLowerCase());
  }
  const result: Headers = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || drop.has(lower)) continue;
    result[lower] = value;
  }
  return result;
}
