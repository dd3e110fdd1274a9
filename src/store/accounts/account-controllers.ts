import { formParams, type RequestContext } from '../../framework/index.js';
import type { StoreServices } from '../services.js';
import { Visit } from '../sessions/visit.js';
import { nav } from '../cart/cart-controllers.js';
import { money } from '../catalog/product-view.js';

type Context = RequestContext<StoreServices>;

/** `GET /login`. */
export async function loginForm(context: Context) {
  const visit = await Visit.open(context);
  return loginPage(context, visit, { next: safeNext(context.query.get('next')) });
}

/** `POST /login` (`email`, `password`, `next`): the same answer for an unknown email and a wrong password. */
export async function logIn(context: Context) {
  const visit = await Visit.open(context);
  const form = formParams(context.request);
  visit.checkForm(form);
  const email = form.get('email') ?? '';
  const next = safeNext(form.get('next'));
  const outcome = await context.services.accounts.logIn({
    email,
    password: form.get('password') ?? '',
    address: clientAddress(context),
  });
  if (outcome.kind === 'logged-in') {
    await visit.logIn(outcome.customer.id);
    return visit.redirect(next);
  }
  if (outcome.kind === 'throttled') {
    const response = await loginPage(context, visit, {
      next,
      email,
      error: `Too many attempts. Please wait ${Math.ceil(outcome.retryAfterSeconds / 60)} minutes and try again.`,
      status: 429,
    });
    response.headers['retry-after'] = String(outcome.retryAfterSeconds);
    return response;
  }
  return loginPage(context, visit, {
    next,
    email,
    error: 'That email and password do not match an account.',
    status: 401,
  });
}

/** `GET /register`. */
export async function registerForm(context: Context) {
  const visit = await Visit.open(context);
  return visit.page('register', {
    title: 'Create an account',
    nav: await nav(context),
    problems: {},
  });
}

/** `POST /register` (`name`, `email`, `password`): creates the account and signs it in. */
export async function register(context: Context) {
  const visit = await Visit.open(context);
  const form = formParams(context.request);
  visit.checkForm(form);
  const input = {
    name: form.get('name') ?? '',
    email: form.get('email') ?? '',
    password: form.get('password') ?? '',
  };
  const outcome = await context.services.accounts.register(input);
  if (outcome.kind === 'registered') {
    await visit.logIn(outcome.customer.id);
    return visit.redirect('/account');
  }
  const problems =
    outcome.kind === 'invalid'
      ? outcome.problems
      : { email: 'An account with that email already exists. Sign in instead.' };
  return visit.page(
    'register',
    {
      title: 'Create an account',
      nav: await nav(context),
      problems,
      name: input.name,
      email: input.email,
    },
    outcome.kind === 'invalid' ? 400 : 409,
  );
}

/** `GET /logout`: a button, since signing out changes state and GET never does. */
export async function logoutForm(context: Context) {
  const visit = await Visit.open(context);
  return visit.page('logout', { title: 'Sign out', nav: await nav(context) });
}

/** `POST /logout`: ends the session on the server. */
export async function logOut(context: Context) {
  const visit = await Visit.open(context);
  const form = formParams(context.request);
  visit.checkForm(form);
  await visit.logOut();
  return visit.redirect('/');
}

/** `GET /account`: the customer and their orders; guests are sent to sign in first. */
export async function account(context: Context) {
  const visit = await Visit.open(context);
  const customerId = visit.customerId;
  if (customerId === null) return visit.redirect('/login?next=%2Faccount');
  const { accounts, orders } = context.services;
  const [customer, history] = await Promise.all([
    accounts.byId(customerId),
    orders.forCustomer(customerId),
  ]);
  return visit.page('account', {
    title: 'Your account',
    nav: await nav(context),
    customer,
    orders: history.map((order) => ({
      ...order,
      url: `/orders/${order.id}`,
      total: money(order.totalCents),
      placed: new Date(order.createdAt).toISOString().slice(0, 10),
    })),
  });
}

async function loginPage(
  context: Context,
  visit: Visit,
  state: { next: string; email?: string; error?: string; status?: number },
) {
  return visit.page(
    'login',
    { title: 'Sign in', nav: await nav(context), ...state },
    state.status ?? 200,
  );
}

/** Where to go after signing in: a path on this site only, never another site (open redirect). */
function safeNext(raw: string | null | undefined): string {
  return raw && /^\/(?![/\\])[^\s]*$/.test(raw) ? raw : '/account';
}

/** The visitor's address: the proxy's `X-Forwarded-For` (it strips any the client sent), else the peer. */
export function clientAddress(context: Context): string {
  const forwarded = context.request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || context.request.remoteAddress;
}
