/** Cookie headers remembered, at most. */
const MAX_VERIFIED = 20_000;
/** Longer Cookie headers are verified every time rather than remembered. */
const MAX_REMEMBERED_COOKIE = 512;

/**
 * The session id of each Cookie header recently verified. A returning browser sends the same
 * header on every request; checking its MAC once instead of each time takes HMAC-SHA256 off
 * the hot path. Only headers that verified are kept (an attacker cannot fill the map with
 * forgeries); the map is emptied when full.
 */
export class VerifiedCookies {
  readonly #sessions: { read(cookieHeader: string): string | undefined };
  readonly #ids = new Map<string, string>();

  constructor(sessions: { read(cookieHeader: string): string | undefined }) {
    this.#sessions = sessions;
  }

  /** The session id a Cookie header names, or undefined when it names none that verifies. */
  read(cookie: string): string | undefined {
    const remembered = this.#ids.get(cookie);
    if (remembered !== undefined) return remembered;
    const id = this.#sessions.read(cookie);
    if (id !== undefined && cookie.length <= MAX_REMEMBERED_COOKIE) {
      if (this.#ids.size >= MAX_VERIFIED) this.#ids.clear();
      this.#ids.set(cookie, id);
    }
    return id;
  }
}
