import { randomBytes } from 'node:crypto';
import { sign, verify } from './signed-value.js';

/** The cookie that carries the session id when none is configured. */
export const DEFAULT_SESSION_COOKIE = 'yt_sid';

/** 16 random bytes: 128 bits, as DESIGN.md asks, so ids cannot be guessed or collide. */
const ID_BYTES = 16;

/**
 * The exact shape `issue` produces: 22 base64url characters of id, a dot, 43 of HMAC-SHA256.
 * Checked before the MAC because base64url decoding is lenient: it skips characters outside the
 * alphabet and ignores the spare low bits of the last character, so `…A` and `…B` can decode to
 * the same MAC. Only the canonical last characters are allowed (2 and 4 spare bits must be zero),
 * which makes every change to a valid cookie change the bytes that are compared.
 */
const COOKIE_VALUE = /^[A-Za-z0-9_-]{21}[AQgw]\.[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/** Issues and checks the session cookie: a random id with a MAC under the site secret (paper §1.9–1.10). */
export class SessionCookies {
  readonly #secret: string;
  readonly #name: string;
  readonly #attributes: string;

  constructor(options: { secret: string; secure: boolean; cookieName?: string }) {
    if (typeof options.secret !== 'string' || options.secret.length < 16) {
      throw new TypeError('options.secret must be a string of at least 16 characters');
    }
    const name = options.cookieName ?? DEFAULT_SESSION_COOKIE;
    // RFC 6265 §4.1.1: a cookie-name is an RFC 9110 token.
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new TypeError(`options.cookieName must be a token (got '${name}')`);
    }
    this.#secret = options.secret;
    this.#name = name;
    // Session cookie (no Max-Age): the browser forgets it when it closes, like the paper's.
    this.#attributes = `; Path=/; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`;
  }

  /** The cookie's name, for callers that strip or log it. */
  get cookieName(): string {
    return this.#name;
  }

  /** The session id of the first valid session cookie in a `Cookie` header, else undefined. */
  read(cookieHeader: string | undefined): string | undefined {
    if (!cookieHeader) return undefined;
    const prefix = `${this.#name}=`;
    for (const part of cookieHeader.split(';')) {
      const pair = part.trim();
      if (!pair.startsWith(prefix)) continue;
      const value = pair.slice(prefix.length);
      if (!COOKIE_VALUE.test(value)) continue;
      const id = verify(this.#secret, value);
      if (id !== undefined) return id;
    }
    return undefined;
  }

  /** A new session: its id and the `Set-Cookie` header value that carries it. */
  issue(): { id: string; setCookie: string } {
    const id = randomBytes(ID_BYTES).toString('base64url');
    return { id, setCookie: `${this.#name}=${sign(this.#secret, id)}${this.#attributes}` };
  }
}
