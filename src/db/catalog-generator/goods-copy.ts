import type { Copywriter, CopyInput, ProductCopy } from './copywriter.js';
import type { Random } from './random.js';
import { ageText, describe, type SentenceBanks } from './copy-helpers.js';
import { LINE_MARKS, PRODUCT_LINES } from './vocabulary-toys.js';

/** How a goods section words its titles. */
export interface GoodsStyle extends SentenceBanks {
  /** Themes or prints; toys put them before the noun ("Dinosaur Train Set"), baby goods after. */
  readonly themes: readonly string[];
  readonly themesFirst: boolean;
  /** How often a theme appears where the leaf allows one. */
  readonly themeRate: number;
  /** How often the brand leads the title ("Brightwood Toys Marble Run"). */
  readonly brandRate: number;
  /** How often a product-line name follows ("Cozy Nest Breeze LX Stroller"). */
  readonly lineRate: number;
}

/** Titles from a leaf's modifiers, nouns and suffixes plus a theme, for toys and baby goods. */
export class GoodsCopywriter implements Copywriter {
  readonly #style: GoodsStyle;

  constructor(style: GoodsStyle) {
    this.#style = style;
  }

  write(random: Random, { leaf, brand, ageMin, ageMax }: CopyInput): ProductCopy {
    const style = this.#style;
    const { spec } = leaf;
    const noun = random.pick(spec.nouns);
    const themed = spec.themed !== false && random.chance(style.themeRate);
    const theme = themed ? random.pick(style.themes) : '';
    const branded = random.chance(style.brandRate);
    const line = random.chance(style.lineRate)
      ? `${random.pick(PRODUCT_LINES)}${random.chance(0.5) ? ` ${random.pick(LINE_MARKS)}` : ''}`
      : '';
    // A bare noun ("Crib") reads like a category, not a product: keep a modifier unless
    // something else in front of the noun already sets this one apart.
    const bare = !branded && line === '' && !(themed && style.themesFirst);
    const modifier =
      spec.modifiers && (bare || random.chance(0.75)) ? random.pick(spec.modifiers) : '';
    const suffix = spec.suffixes && random.chance(0.6) ? random.pick(spec.suffixes) : '';
    const words = [
      branded ? brand : '',
      line,
      modifier,
      style.themesFirst ? theme : '',
      noun,
    ].filter((word) => word !== '');
    let title = words.join(' ');
    if (suffix !== '') title += suffix.startsWith(',') ? suffix : ` ${suffix}`;
    if (theme !== '' && !style.themesFirst) title += ` – ${theme}`;
    const description = describe(random, style, {
      title,
      brand,
      noun: noun.toLowerCase(),
      age: ageText(ageMin, ageMax),
    });
    return { title, description, author: null };
  }
}
