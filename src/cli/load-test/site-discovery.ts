import { ConfigError } from '../../shared/index.js';
import { CookieJar } from './cookie-jar.js';
import { SiteMap, cardTitles, categoryLinks, sectionLinks } from './site-map.js';
import type { StoreConnection } from './store-connection.js';

/** Categories read per section for the words of their product titles. */
const CATEGORIES_PER_SECTION = 6;
/**
 * Requests made under one session before starting another: the proxy throttles each session
 * (THROTTLE_BURST, 40 by default) and discovery should not be the one to trip it.
 */
const REQUESTS_PER_SESSION = 20;

export interface DiscoveryOptions {
  /** The number of products, when known; otherwise found by probing `/p/:id`. */
  readonly products?: number | undefined;
  readonly zipf: number;
}

/**
 * Learns the store before the load starts, through its pages like a visitor: the sections on the
 * home page, a few categories of each for the words of product titles (the search queries), and
 * how many products there are — ids run from 1 to n, found by doubling then halving on `/p/:id`
 * (about 2·log₂ n requests; `--products` skips it).
 */
export async function discoverSite(
  connection: StoreConnection,
  options: DiscoveryOptions,
): Promise<SiteMap> {
  const crawler = new Crawler(connection);
  const home = await crawler.page('/');
  const sections = sectionLinks(home);
  if (sections.length === 0)
    throw new ConfigError('bench: the home page links to no section (/s/…)');
  const titles = cardTitles(home);
  for (const section of sections) {
    const page = await crawler.page(`/s/${section}`);
    titles.push(...cardTitles(page));
    for (const category of categoryLinks(page).slice(0, CATEGORIES_PER_SECTION)) {
      titles.push(...cardTitles(await crawler.page(`/c/${category}`)));
    }
  }
  const productCount = options.products ?? (await countProducts(crawler));
  return new SiteMap({ sections, productCount, titles, zipf: options.zipf });
}

async function countProducts(crawler: Crawler): Promise<number> {
  if (!(await crawler.exists('/p/1'))) {
    throw new ConfigError('bench: the store has no product 1 (/p/1); give --products');
  }
  let found = 1;
  let missing = 2;
  while (await crawler.exists(`/p/${missing}`)) {
    found = missing;
    missing *= 2;
  }
  while (missing - found > 1) {
    const middle = Math.floor((found + missing) / 2);
    if (await crawler.exists(`/p/${middle}`)) found = middle;
    else missing = middle;
  }
  return found;
}

/** A polite visitor: a new session every few requests, and waits out a 429's Retry-After. */
class Crawler {
  readonly #connection: StoreConnection;
  #jar = new CookieJar();
  #requests = 0;

  constructor(connection: StoreConnection) {
    this.#connection = connection;
  }

  /** A page's HTML; anything but 200 is an error that names the page. */
  async page(path: string): Promise<string> {
    const { status, text } = await this.#get(path);
    if (status !== 200) throw new ConfigError(`bench: the store answered ${status} to GET ${path}`);
    return text;
  }

  /** Whether `path` answers 200 (true) or 404 (false). */
  async exists(path: string): Promise<boolean> {
    const { status } = await this.#get(path);
    if (status === 200 || status === 404) return status === 200;
    throw new ConfigError(`bench: the store answered ${status} to GET ${path}`);
  }

  async #get(path: string): Promise<{ status: number; text: string }> {
    for (let attempt = 0; ; attempt++) {
      if (++this.#requests % REQUESTS_PER_SESSION === 0) this.#jar = new CookieJar();
      const cookie = this.#jar.header;
      const reply = await this.#connection.send({
        method: 'GET',
        path,
        headerLines: `user-agent: yuletide-bench/1 (discovery)\r\n${cookie ? `cookie: ${cookie}\r\n` : ''}`,
        keepBody: true,
      });
      this.#jar.store(reply.headers.setCookie);
      if (reply.status !== 429 || attempt === 3) {
        return { status: reply.status, text: reply.body?.toString('latin1') ?? '' };
      }
      const wait = Number(reply.headers.retryAfter) || 1;
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    }
  }
}
