import { YuletideError } from '../shared/index.js';

/** An operations request (`PURGE`, `/__health`, `/__status`, `/__metrics`) from neither loopback nor the admin token. */
export class AdminForbiddenError extends YuletideError {
  constructor() {
    super(
      'YT_ERR_ADMIN_FORBIDDEN',
      403,
      'This needs a request from the proxy host itself or the admin token.',
    );
  }
}

/** A request body larger than the proxy buffers. */
export class RequestBodyTooLargeError extends YuletideError {
  constructor(limit: number) {
    super('YT_ERR_BODY_TOO_LARGE', 413, `Request bodies are limited to ${limit} bytes.`);
  }
}

/** The session (or address) sent more requests to the app tier than its throttle allows. */
export class TooManyRequestsError extends YuletideError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super(
      'YT_ERR_TOO_MANY_REQUESTS',
      429,
      'You are going a little fast for us. Please wait a moment and try again.',
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The page store on disk cannot be opened or written; the message names its folder. */
export class PageStoreError extends YuletideError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('YT_ERR_PAGE_STORE', 500, message, options);
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * The friendly page the proxy answers with when it cannot give the app's: self-contained (no
 * external assets, since the app tier may be what is down) and never cached.
 */
export function friendlyPage(title: string, message: string, requestId?: string): Buffer {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
  const reference = requestId ? `<p class="ref">Reference: ${escape(requestId)}</p>` : '';
  return Buffer.from(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Yuletide</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fdf8f0;color:#222}
main{max-width:34rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 2px 12px #0001}
h1{margin-top:0;color:#b3261e}.ref{color:#777;font-size:.85rem}a{color:#1a5fb4}</style></head>
<body><main><h1>${escape(title)}</h1><p>${escape(message)}</p>${reference}<p><a href="/">Back to the store</a></p></main></body></html>
`);
}
