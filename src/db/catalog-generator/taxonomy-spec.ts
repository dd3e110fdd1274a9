import { wordList } from './word-list.js';

/** Upper age in months meaning "and up" (100 years): teen games and adult books suit every older reader. */
export const AGE_AND_UP = 1200;

/** Who makes a top-level category's products; each kind has its own pool of brands. */
export type BrandKind = 'toy' | 'publisher' | 'studio' | 'hardware' | 'baby';

/** A leaf category as written in the taxonomy tables: what its products are called and cost. */
export interface LeafSpec {
  readonly name: string;
  /** Price band in whole dollars; prices fall log-uniformly inside it. */
  readonly price: readonly [number, number];
  /** Age band in months, as printed on the box. */
  readonly age: readonly [number, number];
  /** Share of the section's products relative to its siblings (1 when absent). */
  readonly weight?: number;
  /** Product nouns ("Stacking Tower"); for books and games, the topics titles are built around. */
  readonly nouns: readonly string[];
  /** Words that go before the noun ("Wooden", "Lightweight"). */
  readonly modifiers?: readonly string[];
  /** Endings (", 3-Pack", " – 500 Pieces"). */
  readonly suffixes?: readonly string[];
  /** False when the section's themes ("Dinosaur", "Woodland Animals") make no sense here. */
  readonly themed?: boolean;
  /** The copywriter's template family (books: "picture", "teen"…; games: "racing", "sports"…). */
  readonly style?: string;
}

/** A top-level category: a named group of leaves sold by one kind of brand. */
export interface TopSpec {
  readonly name: string;
  readonly brands: BrandKind;
  /** Games only: the platform every title in this category ends with. */
  readonly platform?: string;
  readonly leaves: readonly LeafSpec[];
}

/** A section of the store (the paper's co-branded stores) and its share of all products. */
export interface SectionSpec {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
  readonly share: number;
  readonly tops: readonly TopSpec[];
}

/**
 * Parses one leaf row of a taxonomy table, `name | $min-max | age | nouns | modifiers | suffixes |
 * options`, lists separated by `;`, ages in months with `+` for "and up", options `weight=N`,
 * `style=S` and `plain` (no themes). One line per leaf keeps a 200-category tree readable.
 */
export function leaf(row: string): LeafSpec {
  const [name = '', price = '', age = '', nouns = '', modifiers = '', suffixes = '', options = ''] =
    row.split('|').map((field) => field.trim());
  const range = (field: string, what: string): [number, number] => {
    const match = /^\$?(\d+)(?:-(\d+)|(\+))$/.exec(field);
    if (!match) throw new RangeError(`taxonomy leaf '${name}': bad ${what} '${field}'`);
    const low = Number(match[1]);
    return [low, match[3] === '+' ? AGE_AND_UP : Number(match[2])];
  };
  const spec: {
    -readonly [K in keyof LeafSpec]: LeafSpec[K];
  } = { name, price: range(price, 'price'), age: range(age, 'age'), nouns: wordList(nouns) };
  if (spec.nouns.length === 0) throw new RangeError(`taxonomy leaf '${name}' has no nouns`);
  if (modifiers !== '') spec.modifiers = wordList(modifiers);
  if (suffixes !== '') spec.suffixes = wordList(suffixes);
  for (const option of options.split(/\s+/).filter(Boolean)) {
    const [key, value = ''] = option.split('=');
    if (key === 'weight') spec.weight = Number(value);
    else if (key === 'style') spec.style = value;
    else if (key === 'plain') spec.themed = false;
    else throw new RangeError(`taxonomy leaf '${name}': unknown option '${option}'`);
  }
  return spec;
}
