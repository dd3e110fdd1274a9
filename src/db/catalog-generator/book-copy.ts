import type { Copywriter, CopyInput, ProductCopy } from './copywriter.js';
import type { Random } from './random.js';
import type { AuthorPool } from './authors.js';
import { ageText, capitalize, describe, fill } from './copy-helpers.js';
import {
  ABSTRACTS,
  BOOK_TITLES,
  DEEDS,
  EDITIONS,
  GRADES,
  HEROES,
  HERO_FAMILY,
  PLACES,
  ROOMS,
  STORY_ADJECTIVES,
} from './vocabulary-books.js';
import {
  BOOK_BLURBS,
  BOOK_BLURB_FAMILY,
  DISCOVERIES,
  GOALS,
  STAKES,
} from './vocabulary-book-blurbs.js';

/** Styles that come in numbered series. */
const SERIES = new Set(['chapter', 'middle', 'teen']);
/** Styles whose few titles repeat across publishers, told apart by edition. */
const EDITIONED = new Set([
  'board',
  'set',
  'treasury',
  'nonfiction',
  'activity',
  'parenting',
  'cookbook',
  'reference',
  'workbook',
  'language',
]);
const COUNTS = [5, 8, 10, 12, 20, 50, 100];

/** Book titles from the leaf style's templates, blurbs from plot pieces, and an author. */
export class BookCopywriter implements Copywriter {
  readonly #authors: AuthorPool;

  constructor(authors: AuthorPool) {
    this.#authors = authors;
  }

  write(random: Random, { leaf, ageMin, ageMax }: CopyInput): ProductCopy {
    const style = leaf.spec.style ?? 'picture';
    const author = this.#authors.pick(random);
    const values: Record<string, string> = {
      topic: random.pick(leaf.spec.nouns),
      kind: leaf.spec.modifiers ? random.pick(leaf.spec.modifiers) : 'Book',
      hero: random.pick(HEROES),
      family: random.pick(HERO_FAMILY),
      place: random.pick(PLACES),
      adj: random.pick(STORY_ADJECTIVES),
      abstract: random.pick(ABSTRACTS),
      deed: random.pick(DEEDS),
      room: random.pick(ROOMS),
      grade: random.pick(GRADES),
      n: String(random.pick(COUNTS)),
      discovery: random.pick(DISCOVERIES),
      goal: random.pick(GOALS),
      stakes: random.pick(STAKES),
      author,
      age: ageText(ageMin, ageMax),
    };
    const templates = BOOK_TITLES[style];
    const banks = BOOK_BLURBS[BOOK_BLURB_FAMILY[style] ?? 'learning'];
    if (!templates || !banks) throw new Error(`book style '${style}' has no titles or blurbs`);
    let title = capitalize(fill(random.pick(templates), values));
    if (SERIES.has(style) && random.chance(0.2)) title += ` (Book ${random.int(2, 7)})`;
    if (EDITIONED.has(style) && random.chance(0.4)) {
      const edition = random.pick(EDITIONS);
      title += edition.startsWith('(') ? ` ${edition}` : `, ${edition}`;
    }
    values['title'] = title;
    return { title, description: describe(random, banks, values), author };
  }
}
