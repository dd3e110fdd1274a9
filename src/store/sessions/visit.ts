import type { IncomingHttpHeaders } from 'node:http';
import { CSRF_COOKIE, ForbiddenError, csrfCookie } from '../../shared/index.js';
import type { AppResponse, RequestContext } from '../../framework/index.js';
import type { StoreServices } from '../services.js';
import type { Session } from './session-store.js';

type Context = RequestContext<StoreServices>;

/** The cart's item count, shown by cached pages' headers from the client (DESIGN.md §1). */
export const CART_COUNT_COOKIE = 'cart_count';
/** The form field every state-changing form carries its CSRF token in. */
export const CSRF_FIELD = '_csrf';

/**
 * One request's session as the store sees it: the id from the signed session cookie (a new one,
 * with its cookie, when the request has none, a forged one, or one whose session is over), the
 * server-side session when one was started, the CSRF token, and the cookies to send back.
 */
export class Visit {
  readonly #context: Context;
  readonly #setCookies: string[] = [];
  readonly #secure: boolean;
  #id: string;
  #session: Session | undefined;
  /** True once the visit moved to a new id, whose CSRF cookie must go out too. */
  #renewed = false;

  private constructor(context: Context, id: string, session: Session | undefined) {
    this.#context = context;
    this.#id = id;
    this.#session = session;
    this.#secure = context.request.headers['x-forwarded-proto'] === 'https';
  }

  /** The visit of `context`'s request; reads the session from the object cache or the database. */
  static async open(context: Context): Promise<Visit> {
    const { keys, sessions } = context.services;
    const secure = context.request.headers['x-forwarded-proto'] === 'https';
    const id = keys.sessionCookies(secure).read(context.request.headers.cookie);
    if (id === undefined) return new Visit(context, '', undefined).#renew();
    const found = await sessions.lookup(id);
    if (found.state === 'live') return new Visit(context, id, found.session);
    // Timed out: the login and session data are gone, but the id goes on naming the visitor's
    // cart (cached pages keep a shopper browsing without the app seeing them for a long while).
    if (found.state !== 'ended') return new Visit(context, id, undefined);
    // Ended (logged out, or replaced at login): the id is refused and a new one issued.
    return new Visit(context, id, undefined).#renew();
  }

  get sessionId(): string {
    return this.#id;
  }

  /** The signed-in customer's id, or null for a guest. */
  get customerId(): number | null {
    return this.#session?.customerId ?? null;
  }

  get session(): Session | undefined {
    return this.#session;
  }

  get csrfToken(): string {
    return this.#context.services.keys.csrfToken(this.#id);
  }

  /**
   * Refuses a state-changing request that did not come from one of our own forms: sent by another
   * site (`Sec-Fetch-Site`, `Origin`), or without this session's CSRF token.
   */
  checkForm(form: URLSearchParams): void {
    refuseCrossSite(this.#context.request.headers);
    if (!this.#context.services.keys.csrfMatches(this.#id, form.get(CSRF_FIELD) ?? undefined)) {
      throw new ForbiddenError(
        'This form has expired or did not come from our site. Please go back, reload the page and try again.',
      );
    }
  }

  /** The server-side session, started now if there is none yet. */
  async started(): Promise<Session> {
    this.#session ??= await this.#context.services.sessions.create(this.#id);
    return this.#session;
  }

  /** Merges `data` into the session's data. */
  async remember(data: Record<string, unknown>): Promise<void> {
    const session = await this.started();
    this.#session = await this.#context.services.sessions.save({
      ...session,
      data: { ...session.data, ...data },
      updatedAt: Date.now(),
    });
  }

  /** Signs a customer in under a new session id (against fixation), bringing the cart along. */
  async logIn(customerId: number): Promise<void> {
    const { sessions, carts } = this.#context.services;
    const oldId = this.#id;
    const session = await this.started();
    this.#renew();
    this.#session = await sessions.rotate(session, this.#id, customerId);
    await carts.move(oldId, this.#id, customerId);
  }

  /** Ends the session on the server and starts the visitor afresh under a new id. */
  async logOut(): Promise<void> {
    await this.#context.services.sessions.end(this.#id);
    this.#session = undefined;
    this.#renew();
    this.showCartCount(0);
  }

  /** Sets the cart-count cookie that cached pages read. */
  showCartCount(count: number): void {
    this.#setCookies.push(
      count > 0
        ? `${CART_COUNT_COOKIE}=${count}; Path=/; SameSite=Lax${this.#secure ? '; Secure' : ''}`
        : `${CART_COUNT_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`,
    );
  }

  /** A private page: rendered with the CSRF token and the visit's cookies. */
  page(template: string, data: object, status = 200): AppResponse {
    const response = this.#context.render(
      template,
      { ...data, csrf: this.csrfToken, signedIn: this.customerId !== null },
      'private',
      status,
    );
    return this.respond(response);
  }

  /** A 303 after a form post, with the visit's cookies. */
  redirect(location: string): AppResponse {
    return this.respond(this.#context.redirect(location));
  }

  /** Adds the visit's cookies to `response`: a new session cookie, the CSRF copy, the cart count. */
  respond(response: AppResponse): AppResponse {
    const token = this.csrfToken;
    if (readCookie(this.#context.request.headers.cookie, CSRF_COOKIE) !== token || this.#renewed) {
      this.#setCookies.push(csrfCookie(token, this.#secure));
    }
    if (this.#setCookies.length > 0) response.headers['set-cookie'] = this.#setCookies;
    return response;
  }

  /** Moves the visit to a freshly issued session id, whose cookie goes out with the response. */
  #renew(): this {
    const issued = this.#context.services.keys.sessionCookies(this.#secure).issue();
    this.#id = issued.id;
    this.#renewed = true;
    this.#setCookies.push(issued.setCookie);
    return this;
  }
}

/** The value of cookie `name` in a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const pair = part.trim();
    if (pair.startsWith(`${name}=`)) return pair.slice(name.length + 1);
  }
  return undefined;
}

/**
 * Fetch metadata and Origin (OWASP's CSRF defence in depth): a browser says where a request came
 * from, and a form post from any other site is refused whatever token it carries.
 */
function refuseCrossSite(headers: IncomingHttpHeaders): void {
  const site = headers['sec-fetch-site'];
  const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none';
  const origin = headers.origin;
  const host = String(headers['x-forwarded-host'] ?? headers.host ?? '');
  if (crossSite || (origin !== undefined && originHost(origin) !== host)) {
    throw new ForbiddenError('This form was sent from another site, so it was refused.');
  }
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined; // 'null' (a sandboxed or privacy-redirected page) matches no host
  }
}
