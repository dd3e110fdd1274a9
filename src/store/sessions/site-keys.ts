import { timingSafeEqual } from 'node:crypto';
import { SessionCookies, csrfToken, sealingKey } from '../../shared/index.js';

/**
 * Everything the store derives from the site secret: the session cookie (the proxy's, whose MAC the
 * app verifies too), CSRF tokens bound to a session, and the key that seals checkout state.
 */
export class SiteKeys {
  readonly #secret: string;
  readonly #plain: SessionCookies;
  readonly #secure: SessionCookies;
  /** The AES-256-GCM key for the checkout review's encrypted field. */
  readonly checkout: Buffer;

  constructor(secret: string) {
    this.#secret = secret;
    this.#plain = new SessionCookies({ secret, secure: false });
    this.#secure = new SessionCookies({ secret, secure: true });
    this.checkout = sealingKey(secret, 'checkout');
  }

  /** The session cookie codec; `Secure` cookies when the visitor came over TLS. */
  sessionCookies(secure: boolean): SessionCookies {
    return secure ? this.#secure : this.#plain;
  }

  /** The CSRF token of a session (see `csrfToken` in src/shared). */
  csrfToken(sessionId: string): string {
    return csrfToken(this.#secret, sessionId);
  }

  /** True when `given` is the session's token, compared in constant time. */
  csrfMatches(sessionId: string, given: string | undefined): boolean {
    if (given === undefined) return false;
    const expected = Buffer.from(this.csrfToken(sessionId));
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
