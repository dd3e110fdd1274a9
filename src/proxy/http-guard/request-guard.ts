import type { IncomingMessage } from 'node:http';

/** A request the guard refuses, with the status to answer and why. */
export interface Refusal {
  readonly status: 400 | 501;
  readonly reason: string;
}

/**
 * The request-smuggling shapes node's parser lets through (it already refuses Content-Length
 * with Transfer-Encoding, duplicate Content-Lengths, obs-fold and bad chunk framing): two Host
 * fields (RFC 9112 §3.2), Transfer-Encoding on HTTP/1.0 (§6.1), Transfer-Encoding with
 * Content-Length (§6.3, checked again here), and any coding but a lone `chunked`: one not
 * ending in chunked is a 400 (§6.3), one ending in chunked after another coding is a 501,
 * since the proxy could not decode it (§6.1). Returns undefined for a well-formed request.
 */
export function refusal(req: IncomingMessage): Refusal | undefined {
  const raw = req.rawHeaders;
  let hosts = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 4 && name.toLowerCase() === 'host' && ++hosts > 1) {
      return { status: 400, reason: 'more than one Host header' };
    }
  }
  const transferEncoding = req.headers['transfer-encoding'];
  if (transferEncoding === undefined) return undefined;
  if (req.headers['content-length'] !== undefined) {
    return { status: 400, reason: 'Transfer-Encoding together with Content-Length' };
  }
  if (req.httpVersionMajor === 1 && req.httpVersionMinor === 0) {
    return { status: 400, reason: 'Transfer-Encoding in an HTTP/1.0 request' };
  }
  const codings = transferEncoding.split(',').map((coding) => coding.trim().toLowerCase());
  if (codings[codings.length - 1] !== 'chunked') {
    return { status: 400, reason: 'Transfer-Encoding that does not end with chunked' };
  }
  if (codings.length > 1) {
    return { status: 501, reason: `unsupported transfer coding '${transferEncoding}'` };
  }
  return undefined;
}
