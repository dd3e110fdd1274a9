import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeQuery, normalizedText, termOf, words } from './analyzer.js';
import { foldText } from './fold.js';
import { withinOneEdit } from './edit-distance.js';
import { TypoIndex } from './typo-index.js';
import { TopK } from './top-k.js';

describe('analyzer', () => {
  it('folds case, accents, ligatures and full-width forms', () => {
    assert.equal(foldText('Crème Brûlée'), 'creme brulee');
    assert.equal(foldText('ＬＥＧＯ ﬁre'), 'lego fire');
    assert.equal(foldText('Straße Ærø'), 'strasse aero');
  });

  it('splits words on anything but letters and digits, joining apostrophes', () => {
    assert.deepEqual(words("Kids’ 3-in-1 Xbox Series X|S, there's"), [
      'kids',
      '3',
      'in',
      '1',
      'xbox',
      'series',
      'x',
      's',
      'theres',
    ]);
    assert.deepEqual(words('!!! ... ---'), []);
    assert.equal(normalizedText('  The  Big Book!  '), 'the big book');
  });

  it('stems words with the Porter stemmer and leaves numbers alone', () => {
    assert.equal(termOf('trains'), termOf('train'));
    assert.equal(termOf('puzzles'), termOf('puzzle'));
    assert.equal(termOf('2000'), '2000');
  });

  it('drops stop words unless nothing else was typed', () => {
    assert.deepEqual(
      analyzeQuery('the book of the jungle').words.map((w) => w.surface),
      ['book', 'jungle'],
    );
    assert.deepEqual(
      analyzeQuery('The The').words.map((w) => w.surface),
      ['the', 'the'],
    );
    assert.equal(analyzeQuery('The Book of Dragons').normalized, 'the book of dragons');
  });

  it('finds the same words in plain text by its scan as by the general path', () => {
    // A trailing "é" sends the text down the general (Unicode) path and adds one word, "e".
    const general = (text: string) => words(`${text} é`).slice(0, -1);
    const samples = [
      "Kids' Art Set, 24 pieces — no, wait: it's \"Kids'\" art",
      "rock'n'roll o'clock 'quoted' don''t x'1 9'a a' 'b",
      'Kids’ “Art” Set – 24 pieces — it’s ‘fun’ x’1 9’a’b ’’',
      'UPPER lower MiXeD 3D-printer 2x4 e-mail',
      `${'x'.repeat(45)} short ${'9'.repeat(41)}y`,
      '!!! ??? ... ',
      '',
    ];
    let seed = 7;
    const alphabet = "ab'Z9 -.,’–";
    for (let n = 0; n < 200; n++) {
      let text = '';
      for (let i = 0; i < 30; i++) {
        seed = (seed * 16807) % 2147483647;
        text += alphabet[seed % alphabet.length];
      }
      samples.push(text);
    }
    for (const text of samples) assert.deepEqual(words(text), general(text), text);
  });

  it('treats an unfinished last word of two letters or more as a prefix', () => {
    assert.deepEqual(
      analyzeQuery('wooden tra').words.map((w) => w.prefix),
      [false, true],
    );
    assert.deepEqual(
      analyzeQuery('wooden train ').words.map((w) => w.prefix),
      [false, false],
    );
    assert.deepEqual(
      analyzeQuery('wooden tr').words.map((w) => w.prefix),
      [false, true],
    );
    assert.deepEqual(
      analyzeQuery('wooden t').words.map((w) => w.prefix),
      [false, false],
    );
    assert.deepEqual(
      analyzeQuery('the').words.map((w) => w.prefix),
      [true],
    );
  });

  it('keeps at most eight words and cuts overlong ones', () => {
    const q = analyzeQuery(`${'word '.repeat(2000)}${'x'.repeat(10_000)}`);
    assert.equal(q.words.length, 8);
    assert.ok(words('y'.repeat(100))[0]!.length <= 40);
  });
});

describe('typo tolerance', () => {
  it('accepts one insertion, deletion, substitution or swap, and nothing more', () => {
    for (const [a, b] of [
      ['dinosaur', 'dinosuar'],
      ['stroller', 'stroler'],
      ['puzzle', 'puzzles'],
      ['puzzle', 'puzzli'],
    ]) {
      assert.ok(withinOneEdit(a!, b!), `${a} ~ ${b}`);
    }
    for (const [a, b] of [
      ['dinosaur', 'dinsoaru'],
      ['stroller', 'strolers'],
      ['abc', 'cab'],
    ]) {
      assert.ok(!withinOneEdit(a!, b!), `${a} !~ ${b}`);
    }
  });

  it('finds the known words one edit away from words of five letters or more', () => {
    const typos = new TypoIndex();
    ['dinosaur', 'unicorn', 'train', 'puzzle', 'cab'].forEach((word, i) => typos.add(word, i));
    assert.deepEqual(typos.near('dinosuar'), [0]);
    assert.deepEqual(typos.near('unicron'), [1]);
    assert.deepEqual(typos.near('trains'), [2]);
    assert.deepEqual(typos.near('puzzle'), [], 'a known word is not its own typo');
    assert.deepEqual(typos.near('cabs'), [], 'too short to correct');
  });
});

describe('top-k selection', () => {
  it('keeps the best k by key, ties to the lower id, whatever the arrival order', () => {
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const k of [1, 5, 24, 100]) {
      const keys = Array.from({ length: 1000 }, () => Math.floor(random() * 50));
      const top = new TopK();
      top.reset(k);
      keys.forEach((key, doc) => {
        if (key >= top.threshold) top.offer(key, doc, doc);
      });
      const expected = keys
        .map((key, doc) => ({ key, doc }))
        .sort((a, b) => b.key - a.key || a.doc - b.doc)
        .slice(0, k)
        .map((e) => e.doc);
      assert.deepEqual(top.sorted(), expected, `k = ${k}`);
    }
  });
});
