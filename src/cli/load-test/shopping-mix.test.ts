import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../shared/index.js';
import { DEFAULT_MIX, pagesPerSession, parseMix } from './shopping-mix.js';

describe('the shopping mix', () => {
  it("plans eToys' 12.5 page views a session, and a fifth of sessions checking out", () => {
    assert.equal(pagesPerSession(DEFAULT_MIX).toFixed(1), '12.5');
    assert.equal(DEFAULT_MIX.checkout, 0.2);
  });

  it('takes name=value pairs over the defaults', () => {
    const mix = parseMix('checkout=0.1, products=3,think=250');
    assert.equal(mix.checkout, 0.1);
    assert.equal(mix.products, 3);
    assert.equal(mix.think, 250);
    assert.equal(mix.cart, DEFAULT_MIX.cart);
  });

  it('refuses what cannot be, naming the option', () => {
    for (const [text, message] of [
      ['carts=0.1', /unknown name 'carts'/],
      ['cart=2', /cart is a share of sessions/],
      ['products=-1', /products must be a number/],
      ['cart=0.1,checkout=0.2', /checkout \(0.2\) cannot exceed cart/],
      ['register=0.3', /register \(0.3\) cannot exceed checkout/],
    ] as const) {
      assert.throws(
        () => parseMix(text),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
      );
    }
  });
});
