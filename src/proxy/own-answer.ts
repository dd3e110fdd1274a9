import { forwardStatus } from './page-cache/index.js';

/**
 * The fields of an answer the proxy makes itself (an error page, an operations reply, the CSRF
 * token): its type and length, never stored, `Age: 0`, and a `Cache-Status` forward whose
 * `reason` and `detail` say why it came from neither the cache nor the origin.
 */
export function ownAnswerFields(
  contentType: string,
  body: Buffer,
  status: { reason: string; detail: string },
  cacheControl = 'no-store',
): string[] {
  return [
    'content-type',
    contentType,
    'content-length',
    String(body.length),
    'cache-control',
    cacheControl,
    'age',
    '0',
    'cache-status',
    forwardStatus(status.reason, { detail: status.detail }),
  ];
}
