import { wordList } from './word-list.js';

/** Prints and colorways that follow a baby product's name: "Swaddle Blanket – Woodland Animals". */
export const BABY_THEMES = wordList(
  'Woodland Animals; Little Stars; Moon & Stars; Safari Friends; Heather Gray; Sage Green; Oatmeal; Rainbow Dots; Ocean Waves; Blush Pink; Sleepy Sheep; Tiny Dinos; Honeybee; Cloud Nine; Navy Stripe; Ivory',
);

/** First sentences of a baby product description. */
export const BABY_OPENERS: readonly string[] = [
  'The {title} from {brand} makes everyday life with a little one a bit easier.',
  'Parents told {brand} what they needed in a {noun}, and this is the answer.',
  'Soft, safe and thoughtfully made, the {title} is a nursery essential.',
  'Say hello to the {title}: simple to use, easy to clean and built to last.',
  'Whether it is your first baby or your third, the {title} earns its place in the routine.',
  'The {title} combines clever design with the quality you expect from {brand}.',
];

/** Middle sentences of a baby product description. */
export const BABY_FEATURES: readonly string[] = [
  'Tested to meet or exceed all applicable US safety standards.',
  'Made without BPA, phthalates or lead.',
  'Designed with pediatric experts for comfort and peace of mind.',
  'Quick to set up, simple to clean and easy to put away.',
  'Rounded edges and soft finishes keep baby comfortable.',
  'Neutral colors suit any nursery and make it a favorite on baby registries.',
  'Backed by a one-year limited warranty.',
  'Compact enough for small apartments and weekend trips.',
  'Thousands of parents rely on it every day.',
];

/** Last sentences of a baby product description. */
export const BABY_CLOSERS: readonly string[] = ['Suitable for {age}.', 'Recommended for {age}.'];
