import { mix32, type Random } from './random.js';
import { AUTHOR_FAMILY, AUTHOR_GIVEN } from './vocabulary-books.js';

/** How many distinct authors a catalog draws from. */
const POOL = 50_000;
/**
 * Zipf exponent of authorship: 0.5 gives the busiest author about 0.2% of all books (a few hundred
 * in a million-product catalog) while most write one or two.
 */
const SKEW = 0.5;
const INITIALS = 'ABCDEFGHIJKLMNOPRSTW';

/** A seeded pool of author names with a few prolific writers and a long tail. */
export class AuthorPool {
  readonly #key: number;

  constructor(random: Random) {
    this.#key = random.uint32();
  }

  /** An author for one book; now and then two. */
  pick(random: Random): string {
    const first = this.name(random.zipf(POOL, SKEW));
    return random.chance(0.03) ? `${first} and ${this.name(random.zipf(POOL, SKEW))}` : first;
  }

  /** The name of author number `index`: the same for every book of theirs in this catalog. */
  name(index: number): string {
    const a = mix32(index ^ this.#key);
    const b = mix32(a + index);
    const given = AUTHOR_GIVEN[a % AUTHOR_GIVEN.length] as string;
    const family = AUTHOR_FAMILY[b % AUTHOR_FAMILY.length] as string;
    const initial = (a >>> 24) % 4 === 0 ? ` ${INITIALS[(b >>> 24) % INITIALS.length]}.` : '';
    return `${given}${initial} ${family}`;
  }
}
