/** Letters NFKD leaves whole that shoppers type as plain Latin ones. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const SPECIAL = /[ßæœøłđðþı]/g;
const MARKS = /\p{M}+/gu;
/**
 * Anything but printable ASCII and the dashes and curly quotes of typeset copy, which NFKD leaves
 * as they are: text without such characters has nothing to fold but case.
 */
const FOLDABLE = /[^\u0020-\u007e\u2013\u2014\u2018\u2019\u201c\u201d]/;

/**
 * Lower-cases and folds text to the letters people type: NFKD splits accented letters and
 * compatibility forms (ligatures, full-width digits) into a base letter and marks, and the marks
 * are dropped, so "Crème Brûlée" and "creme brulee" index alike.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!FOLDABLE.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(SPECIAL, (letter) => SPECIAL_LETTERS[letter] ?? letter);
}
