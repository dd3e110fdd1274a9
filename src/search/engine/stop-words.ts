/**
 * Words left out of a query's matching (they are in nearly every title and say little), unless
 * the query has nothing else. They stay in the index, so an exact title still matches whole.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'in',
  'into',
  'is',
  'it',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);
