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
const NON_ASCII = /[^\u0020-\u007e]/;

/**
 * Lower-cases and folds text to the letters people type: NFKD splits accented letters and
 * compatibility forms (ligatures, full-width digits) into a base letter and marks, and the marks
 * are dropped, so "Crème Brûlée" and "creme brulee" index alike.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(SPECIAL, (letter) => SPECIAL_LETTERS[letter] ?? letter);
}
