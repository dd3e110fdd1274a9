import { fork } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalStore } from './local-store.js';

/** How the stub store shapes its answers. */
export interface StubStoreOptions {
  /** Products in the catalog: ids 1..n answer, the rest 404. */
  readonly products: number;
}

/**
 * Page sizes as the real store's at 1,000,000 products (30 November 2026): home 23.5 KB, a
 * section 15 KB, a category or search page 21–23 KB, a product 6 KB, the cart 1.8 KB.
 */
const BYTES = { home: 23_500, section: 14_800, listing: 21_500, product: 6_100, other: 1_800 };
/** Headers every page of the real store carries besides those read, so parsing costs the same. */
const STORE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

const SECTIONS = ['toys', 'books', 'games', 'baby'];
const CATEGORIES_PER_SECTION = 8;
/** Different listing pages (categories, search results), so shoppers see different products. */
const LISTINGS = 64;
const WORDS = 'wooden train dragon puzzle rocket garden castle robot pirate ocean'.split(' ');

/**
 * A store that answers every route a shopper takes with a canned page, at almost no cost of its
 * own, so a load run against it (`yuletide bench --stub`) measures the generator's CPU alone. It
 * behaves as the real one where the generator depends on it: a session cookie on answers that lack
 * one, a CSRF cookie checked on every form post, the links and tokens the shopper reads, 303s after
 * posts, `Cache-Status` on shared pages, chunked bodies on private pages as the app streams them.
 */
export function createStubStore(options: StubStoreOptions): http.Server {
  const pad = (html: string, bytes: number) => html + ' '.repeat(Math.max(0, bytes - html.length));
  const cards = (ids: number[]) =>
    ids
      .map(
        (id) =>
          `<a href="/p/${id}"><span class="product-card__title">${WORDS[id % WORDS.length]} ${WORDS[(id * 7) % WORDS.length]} ${id}</span></a>`,
      )
      .join('');
  const someIds = (seed: number) =>
    Array.from({ length: 12 }, (_, i) => ((seed * 7919 + i * 104_729) % options.products) + 1);
  const section = (name: string) =>
    Array.from({ length: CATEGORIES_PER_SECTION }, (_, i) => `<a href="/c/${name}-${i}">`).join('');
  const pages = {
    home: Buffer.from(
      pad(
        SECTIONS.map((s) => `<a href="/s/${s}">${s}</a>`).join('') + cards(someIds(1)),
        BYTES.home,
      ),
    ),
    sections: new Map(
      SECTIONS.map((s, i) => [s, Buffer.from(pad(section(s) + cards(someIds(i)), BYTES.section))]),
    ),
    /** Category and search pages, built once: the stub should cost as little as it can. */
    listings: Array.from({ length: LISTINGS }, (_, i) =>
      Buffer.from(pad(cards(someIds(i)), BYTES.listing)),
    ),
    plain: Buffer.from(pad('<h1>page</h1>', BYTES.other)),
    inStock: Buffer.from(pad('<p class="stock stock--in">In stock</p>', BYTES.product)),
    soldOut: Buffer.from(pad('<p class="stock stock--out">Sold out</p>', BYTES.product)),
  };
  let sessions = 0;
  let orders = 0;

  return http.createServer((request, response) => {
    const url = request.url ?? '/';
    const cookies = request.headers.cookie ?? '';
    const setCookies: string[] = [];
    if (!cookies.includes('yt_sid=')) {
      setCookies.push(`yt_sid=s${++sessions}.mac; Path=/; HttpOnly; SameSite=Lax`);
    }
    const send = (status: number, body: Buffer | string, shared: boolean, location?: string) => {
      const headers: http.OutgoingHttpHeaders = {
        'content-type': 'text/html; charset=utf-8',
        ...STORE_HEADERS,
        'cache-control': shared ? 'public, s-maxage=60' : 'private, no-store',
        'x-request-id': `r${sessions}-${orders}`,
      };
      if (shared) {
        headers['last-modified'] = 'Sat, 31 Oct 2026 13:29:55 GMT';
        headers['age'] = '0';
        headers['cache-status'] = 'Yuletide; hit; ttl=59';
      }
      if (setCookies.length > 0) headers['set-cookie'] = setCookies;
      if (location !== undefined) headers['location'] = location;
      // Shared pages come from the page cache with a length; private ones are streamed (chunked).
      if (shared || typeof body === 'string') headers['content-length'] = Buffer.byteLength(body);
      response.writeHead(status, headers);
      response.end(body);
    };

    if (request.method === 'POST') {
      let form = '';
      request.setEncoding('latin1');
      request.on('data', (chunk: string) => (form += chunk));
      request.on('end', () => {
        const csrf = /(?:^|; )yt_csrf=([^;]+)/.exec(cookies)?.[1];
        if (csrf === undefined || !form.includes(`_csrf=${csrf}`)) {
          send(403, 'bad CSRF token', false);
        } else if (url === '/cart/items') {
          setCookies.push('cart_count=1; Path=/');
          send(303, '', false, '/cart');
        } else if (url === '/checkout/review') {
          send(200, pages.plain.toString('latin1') + '<input name="state" value="sealed">', false);
        } else if (url === '/checkout') {
          send(303, '', false, `/orders/${++orders}`);
        } else if (url === '/register') {
          send(303, '', false, '/account');
        } else {
          send(404, 'not found', false);
        }
      });
      return;
    }

    const product = /^\/p\/(\d+)$/.exec(url);
    if (url === '/') {
      send(200, pages.home, true);
    } else if (url.startsWith('/s/')) {
      const page = pages.sections.get(url.slice(3));
      if (page) send(200, page, true);
      else send(404, 'not found', false);
    } else if (url.startsWith('/c/') || url.startsWith('/search?')) {
      send(200, pages.listings[url.length % LISTINGS]!, true);
    } else if (product) {
      const id = Number(product[1]);
      if (id < 1 || id > options.products) send(404, 'not found', false);
      else send(200, id % 10 === 0 ? pages.soldOut : pages.inStock, true);
    } else if (url === '/csrf-token') {
      setCookies.push(`yt_csrf=t${sessions}; Path=/; SameSite=Strict`);
      send(200, `t${sessions}`, false);
    } else if (url === '/checkout') {
      send(
        200,
        pages.plain.toString('latin1') + '<input name="idempotency_key" value="k1">',
        false,
      );
    } else if (url === '/__status') {
      const status = { processes: [{ role: 'stub', pid: process.pid, port: 0, healthy: true }] };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status));
    } else {
      // cart, orders, register, account: private pages the app streams.
      send(200, pages.plain, false);
    }
  });
}

/** Starts a stub store on a free loopback port; resolves with its address. */
export async function listenStubStore(
  options: StubStoreOptions,
): Promise<{ url: string; server: http.Server }> {
  const server = createStubStore(options);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

/**
 * Runs a stub store in a process of its own (stub-store-main.ts), so that its CPU is not counted
 * as the generator's; resolves once it listens.
 */
export async function forkStubStore(options: StubStoreOptions): Promise<LocalStore> {
  const child = fork(new URL('./stub-store-main.js', import.meta.url), [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    void exited.then(() => reject(new Error('the stub store exited before it listened')));
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
