import { ConfigError } from '../../shared/index.js';
import type { Random } from './random.js';
import { Zipf } from './zipf.js';

const SECTION_LINK = /href="\/s\/([a-z0-9-]+)"/g;
const CATEGORY_LINK = /href="\/c\/([a-z0-9-]+)"/g;
const PRODUCT_LINK = /href="\/p\/(\d+)"/g;
const CARD_TITLE = /class="product-card__title">([^<]+)</g;

/** Words no shopper types alone: articles, joiners, and the catalog's filler. */
const STOP_WORDS = new Set(
  'the and for with from that this your you are its our into edition set pack of a an in on to by at'.split(
    ' ',
  ),
);

/** How many pages' links are remembered before the memory starts over. */
const MAX_REMEMBERED = 20_000;

/**
 * What shoppers know of the store: its sections and their categories, the range of product
 * ids, the words of its product titles (for search queries), and the links of listing pages
 * seen so far. Learnt from the pages themselves, with cheap regexes, once per page: a shopper
 * that opens a page already seen reuses its links instead of reading the HTML again.
 */
export class SiteMap {
  readonly sections: readonly string[];
  readonly productCount: number;
  readonly #links = new Map<string, readonly string[]>();
  readonly #words: readonly string[];
  readonly #titles: readonly (readonly string[])[];
  readonly #wordZipf: Zipf;
  readonly #productZipf: Zipf;
  readonly #stride: number;

  constructor(options: {
    sections: readonly string[];
    productCount: number;
    titles: readonly string[];
    zipf: number;
  }) {
    this.sections = options.sections;
    this.productCount = options.productCount;
    const counts = new Map<string, number>();
    const titles: string[][] = [];
    for (const title of options.titles) {
      const words = titleWords(title);
      if (words.length > 0) titles.push(words);
      for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    this.#titles = titles;
    // Queries favour the words the catalog uses most, with the skew of real query logs.
    this.#words = [...counts].sort((a, b) => b[1] - a[1]).map(([word]) => word);
    if (this.#words.length === 0)
      throw new ConfigError('bench: no product titles found on the store');
    this.#wordZipf = new Zipf(this.#words.length, 1);
    this.#productZipf = new Zipf(this.productCount, options.zipf);
    this.#stride = coprimeStride(this.productCount);
  }

  /**
   * A product id by popularity: Zipf rank → id through a fixed permutation (rank × stride mod
   * n), so the best-sellers are spread over every category rather than being ids 1, 2, 3….
   */
  popularProduct(random: Random): number {
    const rank = this.#productZipf.next(random) - 1;
    return ((rank * this.#stride) % this.productCount) + 1;
  }

  /** A search query: one common catalog word, or two neighbouring words of one title. */
  query(random: Random): string {
    if (random.chance(0.6)) return this.#words[this.#wordZipf.next(random) - 1]!;
    const words = random.pick(this.#titles);
    if (words.length < 2) return words[0]!;
    const at = random.below(words.length - 1);
    return `${words[at]} ${words[at + 1]}`;
  }

  /** The links of `path`'s page, if a shopper has read it already. */
  links(path: string): readonly string[] | undefined {
    return this.#links.get(path);
  }

  /** Reads the links a shopper follows from a page: categories of a section, products of a listing. */
  learn(path: string, html: string): readonly string[] {
    const pattern = path.startsWith('/s/') ? CATEGORY_LINK : PRODUCT_LINK;
    const found = [...new Set(Array.from(html.matchAll(pattern), (m) => m[1]!))];
    if (this.#links.size >= MAX_REMEMBERED) this.#links.clear();
    this.#links.set(path, found);
    return found;
  }
}

/** Sections linked from the home page. */
export function sectionLinks(html: string): string[] {
  return [...new Set(Array.from(html.matchAll(SECTION_LINK), (m) => m[1]!))];
}

/** Categories linked from a section page. */
export function categoryLinks(html: string): string[] {
  return [...new Set(Array.from(html.matchAll(CATEGORY_LINK), (m) => m[1]!))];
}

/** Product titles on a page's cards, entities decoded. */
export function cardTitles(html: string): string[] {
  return Array.from(html.matchAll(CARD_TITLE), (m) => decodeEntities(m[1]!.trim()));
}

function titleWords(title: string): string[] {
  return title
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w.length >= 3 && !STOP_WORDS.has(w) && !/^\d+$/.test(w));
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** A stride near n × 0.618 (the golden ratio scatters best) that shares no factor with n. */
function coprimeStride(n: number): number {
  if (n <= 2) return 1;
  let stride = Math.max(1, Math.floor(n * 0.6180339887));
  while (gcd(stride, n) !== 1) stride++;
  return stride;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
