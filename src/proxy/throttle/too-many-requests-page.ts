import { createHash } from 'node:crypto';

/** The page's only style, allowed by hash in `TOO_MANY_REQUESTS_CSP` (no inline script at all). */
const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fdf6ec;color:#3b2f2f}' +
  'main{max-width:32rem;margin:12vh auto;padding:2rem;background:#fff;border-radius:12px;' +
  'box-shadow:0 2px 12px #0002;text-align:center}h1{color:#b3261e;font-size:1.6rem}' +
  '.gift{font-size:3rem}';

/** `Content-Security-Policy` to send with the page: nothing external, only its own style. */
export const TOO_MANY_REQUESTS_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256')
  .update(STYLE)
  .digest('base64')}'`;

/**
 * The friendly 429 page, self-contained (no external assets), sent with `Retry-After`; it
 * reloads itself once the wait is over.
 */
export function renderTooManyRequestsPage(retryAfterSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const wait = seconds === 1 ? 'a second' : `${seconds} seconds`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${seconds}">
<title>Just a moment — Yuletide</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<div class="gift" aria-hidden="true">&#127873;</div>
<h1>Whoa, that was fast!</h1>
<p>We received a lot of requests from you in a short time, so we are pausing for ${wait}
to keep the store quick for everyone.</p>
<p>This page will try again by itself. Your cart is safe.</p>
</main>
</body>
</html>
`;
}
