import { OldestKeys } from '../../shared/index.js';

/** Failed logins allowed per key within the window before further attempts are refused. */
const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
/** Keys remembered at most; the oldest are forgotten first. */
const MAX_KEYS = 100_000;

/**
 * Counts failed logins per account and per client address in a sliding window, so guessing a
 * password is slow whichever of the two an attacker varies. Per process: sticky sessions keep
 * a client on one app server, and several servers only multiply the allowance by their number.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #oldest = new OldestKeys(this.#failures);

  /** Seconds to wait before `keys` may try again; 0 when allowed now. */
  retryAfter(keys: readonly string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const recent = this.#recent(key, now);
      if (recent.length >= MAX_FAILURES)
        wait = Math.max(wait, Math.ceil((recent[0]! + WINDOW_MS - now) / 1000));
    }
    return wait;
  }

  fail(keys: readonly string[], now = Date.now()): void {
    for (const key of keys) {
      const recent = this.#recent(key, now);
      recent.push(now);
      this.#failures.delete(key);
      this.#failures.set(key, recent);
    }
    while (this.#failures.size > MAX_KEYS) this.#failures.delete(this.#oldest.next()!);
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) this.#failures.delete(key);
  }

  #recent(key: string, now: number): number[] {
    return (this.#failures.get(key) ?? []).filter((at) => now - at < WINDOW_MS);
  }
}
