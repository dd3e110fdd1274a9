/**
 * One shopper's cookies, as a browser keeps them for one site: set by `Set-Cookie`, removed by
 * `Max-Age=0` or an empty value, sent back on every request. Attributes other than those two are
 * not needed on one origin over plain HTTP, so they are not kept.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();
  #header: string | undefined;

  /** The `Cookie` request header, or undefined when the jar is empty; rebuilt only after a change. */
  get header(): string | undefined {
    if (this.#header === undefined && this.#cookies.size > 0) {
      let header = '';
      for (const [name, value] of this.#cookies) header += `${header ? '; ' : ''}${name}=${value}`;
      this.#header = header;
    }
    return this.#header;
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  /** Takes the `Set-Cookie` fields of one response. */
  store(setCookie: readonly string[]): void {
    for (const line of setCookie) {
      const end = line.indexOf(';');
      const pair = end === -1 ? line : line.slice(0, end);
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /;\s*max-age=0\s*(;|$)/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
      this.#header = undefined;
    }
  }
}
