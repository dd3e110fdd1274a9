/** Splits `'Rainbow; Dinosaur; Unicorn'` into words: one line of source per bank, however long. */
export function wordList(text: string): readonly string[] {
  return text
    .split(';')
    .map((word) => word.trim())
    .filter((word) => word !== '');
}
