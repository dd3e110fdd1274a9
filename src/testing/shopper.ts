/** A response as a shopper sees it. */
export interface ShopperResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** Sends one request: in process (`Application.inject`) or over HTTP (`httpTransport`). */
export type Transport = (request: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}) => Promise<ShopperResponse>;

/**
 * A browser in miniature for tests: keeps the cookies it is given, sends a page's CSRF token with
 * its forms, and follows nothing by itself, so each answer can be checked.
 */
export class Shopper {
  readonly #send: Transport;
  readonly cookies = new Map<string, string>();
  /** Headers sent with every request (Origin, Sec-Fetch-Site…). */
  readonly headers: Record<string, string> = {};
  /** The CSRF token of the last page that carried one. */
  csrf: string | undefined;

  constructor(send: Transport) {
    this.#send = send;
  }

  async get(url: string): Promise<ShopperResponse> {
    return this.#request('GET', url);
  }

  /**
   * Posts a form with the CSRF token a browser would send: the `yt_csrf` cookie's (as the page
   * script fills it in), else the last page's; unless the fields give one (or `null`: none).
   */
  async post(
    url: string,
    fields: Record<string, string | number | null> = {},
  ): Promise<ShopperResponse> {
    const form = new URLSearchParams();
    const token = '_csrf' in fields ? fields['_csrf'] : (this.cookies.get('yt_csrf') ?? this.csrf);
    if (token !== null && token !== undefined) form.set('_csrf', String(token));
    for (const [name, value] of Object.entries(fields)) {
      if (name !== '_csrf' && value !== null) form.set(name, String(value));
    }
    return this.#request('POST', url, form.toString());
  }

  /** The session id the cookie carries (the part before the MAC). */
  get sessionId(): string | undefined {
    return this.cookies.get('yt_sid')?.split('.')[0];
  }

  async #request(method: string, url: string, body?: string): Promise<ShopperResponse> {
    const headers: Record<string, string> = { ...this.headers };
    if (this.cookies.size > 0) {
      headers['cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await this.#send({ method, url, headers, body });
    this.#keep(response.headers['set-cookie']);
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (token) this.csrf = token[1];
    return response;
  }

  #keep(setCookie: string | string[] | undefined): void {
    for (const line of setCookie === undefined ? [] : [setCookie].flat()) {
      const pair = line.split(';')[0]!;
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/;\s*Max-Age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

/** A transport to a running server at `base` (a proxy or app server), over undici's fetch. */
export function httpTransport(base: string): Transport {
  return async ({ method, url, headers, body }) => {
    const response = await fetch(new URL(url, base), {
      method,
      headers,
      body,
      redirect: 'manual',
    });
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') out[name] = value;
    });
    out['set-cookie'] = response.headers.getSetCookie();
    return { status: response.status, headers: out, body: await response.text() };
  };
}

/** A transport into an application in process (`Application.inject`). */
export function injectTransport(app: {
  inject(request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
  }): Promise<{
    status: number;
    headers: Record<string, string | string[]>;
    body: string | Buffer;
  }>;
}): Transport {
  return async (request) => {
    const response = await app.inject(request);
    return { status: response.status, headers: response.headers, body: String(response.body) };
  };
}
