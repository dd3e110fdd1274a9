import crypto from 'node:crypto';
import { SessionCookies } from '../../shared/index.js';

/** 16 random bytes (128 bits) per id, as SessionCookies draws them: 22 base64url characters. */
const ID_BYTES = 16;
const ID_CHARS = 22;
/** Random bytes drawn at once: 256 ids per call, instead of one call per new visitor. */
const POOL_BYTES = 4096;
/** SHA-256's block size, the B of RFC 2104 §2. */
const BLOCK_BYTES = 64;
const DIGEST_BYTES = 32;

/**
 * Issues session cookies on the proxy's hot path, where every new visitor needs one (cache
 * hits too). Same cookies as SessionCookies, which reads them (here and in the app), cheaper
 * to make: ids are cut from a pool of random bytes drawn 4 KiB at a time (one `randomBytes(16)`
 * call per id cost as much as the HMAC), and the MAC is RFC 2104's HMAC built from two
 * one-shot SHA-256 calls over the padded key prepared once, with no Hmac object per id.
 * docs/cluster.md has the measurements.
 */
export class SessionMinter {
  readonly #cookies: SessionCookies;
  readonly #pool = Buffer.allocUnsafe(POOL_BYTES);
  #used = POOL_BYTES;
  /** K ⊕ ipad, then the id being signed. */
  readonly #inner = Buffer.alloc(BLOCK_BYTES + ID_CHARS);
  /** K ⊕ opad, then the inner digest. */
  readonly #outer = Buffer.alloc(BLOCK_BYTES + DIGEST_BYTES);
  readonly #mac: (id: string) => string;
  /** `yt_sid=`, and `; Path=/; HttpOnly…` after the value: taken from SessionCookies itself. */
  readonly #prefix: string;
  readonly #attributes: string;

  constructor(options: { secret: string; secure: boolean; cookieName?: string }) {
    this.#cookies = new SessionCookies(options);
    // RFC 2104 §2: a key longer than the block is hashed first; shorter ones are zero-padded.
    // A string key is UTF-8, as createHmac takes it.
    let key = Buffer.from(options.secret, 'utf8');
    if (key.length > BLOCK_BYTES) key = crypto.createHash('sha256').update(key).digest();
    for (let i = 0; i < BLOCK_BYTES; i++) {
      this.#inner[i] = (key[i] ?? 0) ^ 0x36;
      this.#outer[i] = (key[i] ?? 0) ^ 0x5c;
    }
    const hmacKey = crypto.createSecretKey(key);
    // crypto.hash is Node ≥ 20.12; older 20.x lines fall back to an Hmac per id.
    this.#mac =
      typeof crypto.hash === 'function'
        ? (id) => this.#hmac(id)
        : (id) => crypto.createHmac('sha256', hmacKey).update(id).digest('base64url');
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
    return { id, setCookie: `${this.#prefix}${id}.${this.#mac(id)}${this.#attributes}` };
  }

  /** HMAC-SHA256(key, id) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ id)), base64url (RFC 2104 §2). */
  #hmac(id: string): string {
    this.#inner.write(id, BLOCK_BYTES, 'latin1');
    crypto.hash('sha256', this.#inner, 'buffer').copy(this.#outer, BLOCK_BYTES);
    return crypto.hash('sha256', this.#outer, 'base64url');
  }
}
