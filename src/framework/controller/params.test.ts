import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError } from '../../shared/index.js';
import { choiceParam, idSegment, intParam, moneyParam, stringParam } from './params.js';

const q = (text: string) => new URLSearchParams(text);

describe('query parameters', () => {
  it('reads a value, and treats absent or blank as undefined', () => {
    assert.equal(stringParam(q('a=x'), 'a'), 'x');
    assert.equal(stringParam(q('a='), 'a'), undefined);
    assert.equal(stringParam(q(''), 'a'), undefined);
  });

  it('refuses repeated and overlong values', () => {
    assert.throws(() => stringParam(q('a=1&a=2'), 'a'), BadRequestError);
    assert.throws(() => stringParam(q(`a=${'x'.repeat(300)}`), 'a'), /longer than 256/);
  });

  it('checks integers, money and choices, naming the parameter', () => {
    assert.equal(intParam(q('page=3'), 'page', { min: 1, max: 10 }), 3);
    for (const bad of ['abc', '0', '11', '1.5', '1e3', '-1']) {
      assert.throws(() => intParam(q(`page=${bad}`), 'page', { min: 1, max: 10 }), /'page'/);
    }
    assert.equal(moneyParam(q('p=19.99'), 'p'), 1999);
    assert.throws(() => moneyParam(q('p=-1'), 'p'), BadRequestError);
    assert.throws(() => moneyParam(q('p=1,000'), 'p'), BadRequestError);
    assert.equal(choiceParam(q('s=b'), 's', ['a', 'b']), 'b');
    assert.throws(() => choiceParam(q('s=c'), 's', ['a', 'b']), /one of: a, b/);
  });

  it('accepts only plain positive ids in paths', () => {
    assert.equal(idSegment('42'), 42);
    for (const bad of ['0', '042', 'abc', '1e3', '99999999999', '', undefined])
      assert.equal(idSegment(bad), undefined);
  });
});
