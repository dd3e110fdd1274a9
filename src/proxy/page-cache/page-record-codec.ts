import type { PageRecord } from './stored-page.js';

/**
 * The disk tier's bytes for a page: a version byte, the length of the JSON of everything but
 * the body (4 bytes, big-endian), that JSON, then the body as it is. msgpackr, which LMDB would
 * use otherwise, cost more than the LMDB write itself per stored page: it walked the 6 KB body
 * and the caching policy's header maps through its record structures (docs/proxy.md).
 */
const VERSION = 2;
const HEAD = 5;

export function encodePageRecord(record: PageRecord): Buffer {
  const { body, ...rest } = record;
  const meta = Buffer.from(JSON.stringify(rest));
  const bytes = Buffer.allocUnsafe(HEAD + meta.length + body.length);
  bytes[0] = VERSION;
  bytes.writeUInt32BE(meta.length, 1);
  meta.copy(bytes, HEAD);
  bytes.set(body, HEAD + meta.length);
  return bytes;
}

/** The record in `bytes`, or undefined when they are not a record of this version. */
export function decodePageRecord(bytes: Uint8Array): PageRecord | undefined {
  if (bytes.length < HEAD || bytes[0] !== VERSION) return undefined;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const metaEnd = HEAD + view.readUInt32BE(1);
  if (metaEnd > view.length) return undefined;
  const meta = JSON.parse(view.toString('utf8', HEAD, metaEnd)) as Omit<PageRecord, 'body'>;
  // A copy: LMDB may reuse the memory it read into.
  return { ...meta, body: Buffer.from(view.subarray(metaEnd)) };
}
