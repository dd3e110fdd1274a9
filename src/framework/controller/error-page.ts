import { YuletideError, type Logger } from '../../shared/index.js';
import { MethodNotAllowedError } from '../errors.js';
import type { Views } from '../view/views.js';
import type { AppResponse } from './exchange.js';
import { HTML_SECURITY_HEADERS } from './request-context.js';

/** How long shared caches may keep a 404 page, so scans of dead addresses stay off the database. */
const NOT_FOUND_MAX_AGE = 30;

/**
 * The top-level handler's answer to an error: a typed error becomes its status and a friendly page
 * with its message; anything else is logged with its stack and the user sees only the request id.
 */
export function errorResponse(
  error: unknown,
  context: { views: Views; log: Logger; requestId: string; section: string },
): AppResponse {
  // A 503 is expected too: the server is busy, and its message says when to try again.
  const expected = error instanceof YuletideError && (error.status < 500 || error.status === 503);
  const status = error instanceof YuletideError ? error.status : 500;
  if (!expected) context.log.error({ err: error, reqId: context.requestId }, 'request failed');
  const headers: Record<string, string> = {
    'content-type': 'text/html; charset=utf-8',
    ...HTML_SECURITY_HEADERS,
    'cache-control': status === 404 ? `public, s-maxage=${NOT_FOUND_MAX_AGE}` : 'private, no-store',
  };
  if (error instanceof MethodNotAllowedError) headers['allow'] = error.allow;
  const data = {
    status,
    message: expected ? error.message : undefined,
    requestId: context.requestId,
  };
  try {
    const template =
      status === 404
        ? 'errors/not-found'
        : expected
          ? 'errors/client-error'
          : 'errors/server-error';
    return { status, headers, body: context.views.render(template, data, context.section) };
  } catch (renderError) {
    context.log.error(
      { err: renderError, reqId: context.requestId },
      'error page failed to render',
    );
    const body = `<!doctype html><title>Error</title><h1>Something went wrong</h1><p>Request id: ${context.requestId.replace(/[^\w-]/g, '')}</p>`;
    return { status, headers, body };
  }
}
