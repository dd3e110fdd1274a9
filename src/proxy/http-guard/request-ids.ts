/**
 * Request ids for `X-Request-Id`: this process's pid and start time, then a counter, so they
 * are unique across the cluster without randomness on the hot path. The counter wraps at
 * 2^31−1 to stay a small integer (V8 keeps those unboxed).
 */
export class RequestIds {
  readonly #prefix = `${process.pid.toString(36)}-${Date.now().toString(36)}-`;
  #sequence = 0;

  next(): string {
    this.#sequence = (this.#sequence + 1) % 2_147_483_647;
    return this.#prefix + this.#sequence.toString(36);
  }
}
