import type { Leaf } from './taxonomy.js';
import type { Random } from './random.js';

/** What a product is, as far as its words go. */
export interface CopyInput {
  readonly leaf: Leaf;
  readonly brand: string;
  readonly ageMin: number;
  readonly ageMax: number;
}

/** A product's words: its title, its description and, for books, its author. */
export interface ProductCopy {
  readonly title: string;
  readonly description: string;
  readonly author: string | null;
}

/** Writes titles and descriptions for one section of the store. */
export interface Copywriter {
  write(random: Random, input: CopyInput): ProductCopy;
}
