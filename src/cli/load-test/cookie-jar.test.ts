import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar } from './cookie-jar.js';

describe('CookieJar', () => {
  it('keeps cookies as a browser does for one site, and sends them back', () => {
    const jar = new CookieJar();
    assert.equal(jar.header, undefined);
    jar.store([
      'yt_sid=abc.def; Path=/; HttpOnly; SameSite=Lax',
      'yt_csrf=tok; Path=/; SameSite=Strict',
    ]);
    jar.store(['cart_count=2; Path=/']);
    assert.equal(jar.header, 'yt_sid=abc.def; yt_csrf=tok; cart_count=2');
    jar.store(['yt_sid=new.mac; Path=/', 'cart_count=; Path=/; Max-Age=0']);
    assert.equal(jar.header, 'yt_sid=new.mac; yt_csrf=tok');
    jar.store(['yt_csrf=x; Max-Age=0']);
    assert.equal(jar.get('yt_csrf'), undefined);
  });
});
