import { createHmac } from 'node:crypto';

/** The readable (not HttpOnly) cookie that carries a session's CSRF token to cached pages' scripts. */
export const CSRF_COOKIE = 'yt_csrf';

/**
 * The CSRF token of a session: a MAC of its id under the site secret, so it changes when the id
 * does (login, logout). The app checks it on every form; the proxy may hand it out (`--csrf-path`).
 */
export function csrfToken(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`csrf\0${sessionId}`).digest('base64url');
}

/** The `Set-Cookie` value of the CSRF cookie: same-site requests only, `Secure` over TLS. */
export function csrfCookie(token: string, secure: boolean): string {
  return `${CSRF_COOKIE}=${token}; Path=/; SameSite=Strict${secure ? '; Secure' : ''}`;
}
