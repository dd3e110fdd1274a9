import type { BrandKind } from './taxonomy-spec.js';
import { wordList } from './word-list.js';

/** How a kind of brand is named: every combination of the parts, joined by the template. */
export interface BrandNaming {
  /** How many brands of this kind the catalog has. */
  readonly count: number;
  readonly first: readonly string[];
  readonly second: readonly string[];
  /** `{1}` and `{2}` are replaced by a first and a second part. */
  readonly template: string;
}

/** Brand naming by kind: a few hundred makers in all. */
export const BRAND_NAMING: Readonly<Record<BrandKind, BrandNaming>> = {
  toy: {
    count: 130,
    first: wordList(
      'Brightwood; Maplebrook; Oakfield; Starlight; Sunnyside; Moonbeam; Honeypot; Pinecone; Clover; Pebble; Acorn; Willow; Cedar; Jellybean; Rocket; Tumble; Giggle; Wobble; Sprout; Bumble; Kite; Marble; Button; Whistle; Tinker; Puddle',
    ),
    second: wordList(
      'Toys; Toy Co.; Playthings; Kids; Games; & Co.; Play; Toyworks; Makers; Workshop',
    ),
    template: '{1} {2}',
  },
  publisher: {
    count: 80,
    first: wordList(
      'Harbor; Willow Tree; Blue Lantern; Red Fox; Lighthouse; Acorn; Owl Tree; Paper Kite; Silver Moon; Little Bird; Maple Street; Open Door; Golden Pond; Hollow Oak; Cobblestone; Story Orchard; Northwind; Bramble; Wren; Lantern Hill; Inkwell; Bookends',
    ),
    second: wordList('Press; Books; Publishing; House; Editions; Books for Young Readers; Kids'),
    template: '{1} {2}',
  },
  studio: {
    count: 50,
    first: wordList(
      'Pixel; Northstar; Red Comet; Blue Ember; Iron Owl; Moonbase; Thunderclap; Little Giant; Starboard; Quantum Fox; Tiny Titan; Neon Panda; Crystal Wave; Black Pine; Bright Arcade; Lucky Dice; Paper Plane',
    ),
    second: wordList('Games; Studios; Interactive; Entertainment; Forge; Digital'),
    template: '{1} {2}',
  },
  hardware: {
    count: 24,
    first: wordList('Power; Hyper; Turbo; Volt; Arc; Nova; Retro; Apex; Titan; Flux; Pulse; Orbit'),
    second: wordList('Gear; Grip; Play; Labs; Tech; Arcade; Wave'),
    template: '{1}{2}',
  },
  baby: {
    count: 70,
    first: wordList(
      'Cozy; Little; Snuggle; Tiny; Sweet; Honey; Lullaby; Dream; Cuddle; Peapod; Button; Bloom; Moonbeam; Daisy; Wee; Cradle; Velvet; Puddle',
    ),
    second: wordList('Nest; Sprout; Bug; Bean; Lamb; Bear; Cloud; Bee; Dove; Acorn; Baby; Nursery'),
    template: '{1} {2}',
  },
};
