import crypto from 'node:crypto';
import { SessionCookies } from '../../shared/index.js';
import { KeyedHmacSha256 } from './keyed-hmac-sha256.js';

/** 16 random bytes (128 bits) per id, as SessionCookies draws them: 22 base64url characters. */
const ID_BYTES = 16;
/** Random bytes drawn at once: 256 ids per call, instead of one call per new visitor. */
const POOL_BYTES = 4096;

/**
 * Issues session cookies on the proxy's hot path, where every new visitor needs one (cache
 * hits too). Same cookies as SessionCookies, which reads them (here and in the app), cheaper
 * to make: ids are cut from a pool of random bytes drawn 4 KiB at a time (one `randomBytes(16)`
 * call per id cost as much as the HMAC), and the MAC comes from KeyedHmacSha256, which hashes
 * the key's pads once, not once per id. docs/cluster.md has the measurements.
 */
export class SessionMinter {
  readonly #cookies: SessionCookies;
  readonly #pool = Buffer.allocUnsafe(POOL_BYTES);
  #used = POOL_BYTES;
  readonly #hmac: KeyedHmacSha256;
  /** `yt_sid=`, and `; Path=/; HttpOnly…` after the value: taken from SessionCookies itself. */
  readonly #prefix: string;
  readonly #attributes: string;

  constructor(options: { secret: string; secure: boolean; cookieName?: string }) {
    this.#cookies = new SessionCookies(options);
    this.#hmac = new KeyedHmacSha256(options.secret);
    const sample = this.#cookies.issue().setCookie;
    this.#prefix = sample.slice(0, sample.indexOf('=') + 1);
    this.#attributes = sample.slice(sample.indexOf(';'));
    // The cookie format belongs to SessionCookies: refuse to start if ours no longer reads back.
    const minted = this.issue();
    const pair = minted.setCookie.slice(0, minted.setCookie.indexOf(';'));
    if (this.#cookies.read(pair) !== minted.id) {
      throw new Error('SessionMinter: minted cookies do not verify with SessionCookies');
    }
  }

  /** The session cookie's name, e.g. to spot the app setting it itself. */
  get cookieName(): string {
    return this.#cookies.cookieName;
  }

  /** The session id of the first valid session cookie in a `Cookie` header, else undefined. */
  read(cookieHeader: string | undefined): string | undefined {
    return this.#cookies.read(cookieHeader);
  }

  /** A new session: its id and the `Set-Cookie` header value that carries it. */
  issue(): { id: string; setCookie: string } {
    if (this.#used === POOL_BYTES) {
      crypto.randomFillSync(this.#pool);
      this.#used = 0;
    }
    // Each slice of the pool is used for one id only.
    const id = this.#pool.toString('base64url', this.#used, this.#used + ID_BYTES);
    this.#used += ID_BYTES;
    return {
      id,
      setCookie: `${this.#prefix}${id}.${this.#hmac.macBase64url(id)}${this.#attributes}`,
    };
  }
}
