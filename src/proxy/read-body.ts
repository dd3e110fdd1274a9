import type http from 'node:http';
import { RequestBodyTooLargeError } from './errors.js';

/** The request body, for methods that carry one; refused above `limit` bytes. */
export async function readBody(
  req: http.IncomingMessage,
  limit: number,
): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new RequestBodyTooLargeError(limit);
  if (req.readableEnded) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new RequestBodyTooLargeError(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
