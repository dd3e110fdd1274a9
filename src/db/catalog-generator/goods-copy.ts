import type { Copywriter, CopyInput, ProductCopy } from './copywriter.js';
import type { Random } from './random.js';
import { ageText, describe, type SentenceBanks } from './copy-helpers.js';

/** How a goods section words its titles. */
export interface GoodsStyle extends SentenceBanks {
  /** Themes or prints; toys put them before the noun ("Dinosaur Train Set"), baby goods after. */
  readonly themes: readonly string[];
  readonly themesFirst: boolean;
  /** How often a theme appears where the leaf allows one. */
  readonly themeRate: number;
  /** How often the brand leads the title ("Brightwood Toys Marble Run"). */
  readonly brandRate: number;
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
    // A bare noun reads like a category, not a product: keep a modifier unless a theme stands in.
    const modifier =
      spec.modifiers && (random.chance(0.75) || (!themed && style.themesFirst))
        ? random.pick(spec.modifiers)
        : '';
    const suffix = spec.suffixes && random.chance(0.6) ? random.pick(spec.suffixes) : '';
    const words = [
      random.chance(style.brandRate) ? brand : '',
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
