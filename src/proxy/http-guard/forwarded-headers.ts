import type { IncomingHttpHeaders } from 'node:http';

type Headers = Record<string, string | string[] | undefined>;

/** What the proxy tells the app about the client it forwards for. */
export interface ForwardedFor {
  /** The client's address as the socket reports it. */
  readonly clientAddress: string;
  readonly proto: 'http' | 'https';
  /** The Host the client asked for. */
  readonly host: string | undefined;
  readonly requestId: string;
}

/** The proxy's name in `Via` (RFC 9110 §7.6.3). */
const VIA = '1.1 yuletide';

/**
 * The headers sent upstream for a client request: the client's, less any `X-Forwarded-*`,
 * `Forwarded`, `X-Real-IP` and `X-Request-Id` it sent (the proxy is the edge: no client may
 * claim an address or an id), less `Host` (the upstream is asked under its own name); plus the
 * proxy's own `X-Forwarded-For/-Proto/-Host`, `Forwarded` (RFC 7239), `X-Request-Id` and `Via`.
 * Hop-by-hop fields are left to the balancer, which strips them.
 */
export function forwardedHeaders(
  headers: Headers | IncomingHttpHeaders,
  to: ForwardedFor,
): Headers {
  const out: Headers = {};
  for (const name in headers) {
    if (
      name === 'host' ||
      name === 'forwarded' ||
      name === 'x-request-id' ||
      name === 'x-real-ip' ||
      name.startsWith('x-forwarded-')
    ) {
      continue;
    }
    out[name] = headers[name];
  }
  const address = to.clientAddress.startsWith('::ffff:')
    ? to.clientAddress.slice(7)
    : to.clientAddress;
  out['x-forwarded-for'] = address;
  out['x-forwarded-proto'] = to.proto;
  // RFC 7239 §6: IPv6 addresses are bracketed and quoted.
  const node = address.includes(':') ? `"[${address}]"` : address;
  let forwarded = `for=${node};proto=${to.proto}`;
  if (to.host !== undefined) {
    out['x-forwarded-host'] = to.host;
    forwarded += `;host="${to.host.replace(/["\\]/g, '')}"`;
  }
  out['forwarded'] = forwarded;
  out['x-request-id'] = to.requestId;
  const via = headers['via'];
  out['via'] = via === undefined ? VIA : `${Array.isArray(via) ? via.join(', ') : via}, ${VIA}`;
  return out;
}
