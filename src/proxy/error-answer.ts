import { RequestBodyTooLargeError, TooManyRequestsError, friendlyPage } from './errors.js';
import { ownAnswerFields } from './own-answer.js';
import { renderTooManyRequestsPage, TOO_MANY_REQUESTS_CSP } from './throttle/index.js';

const RETRY_AFTER_UNAVAILABLE_SECONDS = '5';

/** The proxy's own answer to a failed request, and what to log about it. */
export interface ErrorAnswer {
  readonly status: number;
  readonly kind: 'throttled' | 'error';
  readonly body: Buffer;
  /** `[name, value, …]`, to follow the fields every answer carries (request id, cookie, HSTS). */
  readonly headers: string[];
  /** Absent: nothing worth a log line (a throttled or oversized request is the client's doing). */
  readonly log?: { readonly level: 'warn' | 'error'; readonly message: string };
}

/**
 * The friendly page, status and fields for an error, chosen by its type: 429 for the throttle,
 * the balancer's 503 or 502, 413 for an oversized body, 500 for anything else.
 */
export function errorAnswer(error: unknown, requestId: string): ErrorAnswer {
  const status = (error as { status?: unknown } | null)?.status;
  const headers: string[] = [];
  let body: Buffer;
  let code: number;
  let kind: ErrorAnswer['kind'] = 'error';
  let log: ErrorAnswer['log'];
  if (error instanceof TooManyRequestsError) {
    code = 429;
    kind = 'throttled';
    body = Buffer.from(renderTooManyRequestsPage(error.retryAfterSeconds));
    headers.push('retry-after', String(error.retryAfterSeconds));
    headers.push('content-security-policy', TOO_MANY_REQUESTS_CSP);
  } else if (status === 503) {
    code = 503;
    body = friendlyPage(
      'We will be right back',
      'The store is taking a short breather. Please try again in a few seconds.',
      requestId,
    );
    headers.push('retry-after', RETRY_AFTER_UNAVAILABLE_SECONDS);
    log = { level: 'warn', message: 'no upstream could answer' };
  } else if (status === 502) {
    code = 502;
    body = friendlyPage(
      'Something went wrong',
      'We could not finish your request. Please check your cart or orders before trying again.',
      requestId,
    );
    log = { level: 'warn', message: 'upstream failed' };
  } else if (error instanceof RequestBodyTooLargeError) {
    code = 413;
    body = friendlyPage('That is too much', error.message, requestId);
    headers.push('connection', 'close');
  } else {
    code = 500;
    body = friendlyPage('Something went wrong', 'Please try again in a moment.', requestId);
    log = { level: 'error', message: 'proxy request failed' };
  }
  const detail = kind === 'throttled' ? 'throttled' : `error-${code}`;
  headers.push(...ownAnswerFields('text/html; charset=utf-8', body, { reason: 'miss', detail }));
  return { status: code, kind, body, headers, log };
}
