import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sign } from '../shared/index.js';
import {
  captureLogs,
  injectTransport,
  insertCatalogFixture,
  Shopper,
  storeForTests,
  testDialects,
} from '../testing/index.js';
import type { Database } from '../db/index.js';

const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const ESCAPED =
  '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;';

for (const dialect of await testDialects()) {
  describe(`commerce security (${dialect.name})`, { skip: dialect.skip }, () => {
    let database: Database;
    let drop: () => Promise<void>;
    const { log } = captureLogs();
    let app: ReturnType<typeof storeForTests>;
    const shopper = () => new Shopper(injectTransport(app));
    let accounts = 0;

    /** A new customer, signed in, with one item in the cart. */
    async function signedIn(name = 'Grace') {
      const buyer = shopper();
      await buyer.get('/register');
      const email = `user${++accounts}-${dialect.name}@example.com`;
      const res = await buyer.post('/register', {
        name,
        email,
        password: 'a long enough password',
      });
      assert.equal(res.status, 303, res.body);
      await buyer.post('/cart/items', { product_id: 3 });
      return { buyer, email };
    }

    before(async () => {
      ({ database, drop } = await dialect.create());
      await insertCatalogFixture(database);
      app = storeForTests(database, log);
    });
    after(() => drop());

    it('gives a new session id at login (no fixation) and refuses the old one', async () => {
      const buyer = shopper();
      await buyer.get('/login');
      const fixed = buyer.cookies.get('yt_sid')!;
      const { email } = await signedIn();
      await buyer.post('/cart/items', { product_id: 4 });
      const login = await buyer.post('/login', { email, password: 'a long enough password' });
      assert.equal(login.status, 303);
      assert.notEqual(buyer.cookies.get('yt_sid'), fixed, 'the id changed at login');
      assert.match((await buyer.get('/cart')).body, /data-product-id="4"/, 'the cart came along');
      // The attacker who planted `fixed` holds no login and no cart.
      const attacker = shopper();
      attacker.cookies.set('yt_sid', fixed);
      const page = await attacker.get('/account');
      assert.equal(page.headers['location'], '/login?next=%2Faccount');
      assert.notEqual(attacker.cookies.get('yt_sid'), fixed, 'the ended id was replaced');
      assert.match((await attacker.get('/cart')).body, /Your cart is empty/);
    });

    it('refuses a session replayed after logout', async () => {
      const { buyer } = await signedIn();
      const stolen = buyer.cookies.get('yt_sid')!;
      assert.equal((await buyer.get('/account')).status, 200);
      const out = await buyer.post('/logout');
      assert.equal(out.status, 303);
      const replay = shopper();
      replay.cookies.set('yt_sid', stolen);
      const res = await replay.get('/account');
      assert.equal(res.status, 303, 'sent to sign in');
      assert.notEqual(replay.cookies.get('yt_sid'), stolen);
      assert.equal((await buyer.get('/account')).status, 303, 'logged out');
    });

    it('ignores forged session cookies and issues a new one', async () => {
      const { buyer } = await signedIn();
      const [id] = buyer.cookies.get('yt_sid')!.split('.');
      for (const forged of [
        `${id}.AAAA`,
        sign('not-the-site-secret-at-all', id!),
        `${id}`,
        `${id!.slice(0, -1)}B.${buyer.cookies.get('yt_sid')!.split('.')[1]}`,
      ]) {
        const forger = shopper();
        forger.cookies.set('yt_sid', forged);
        const res = await forger.get('/account');
        assert.equal(res.status, 303, forged);
        assert.notEqual(forger.sessionId, id, 'a new id was issued');
      }
    });

    it('refuses a form without a token, with another session’s token, or from another site', async () => {
      const { buyer } = await signedIn();
      const other = await signedIn();
      const attempts: [string, () => Promise<{ status: number; body: string }>][] = [
        ['no token', () => buyer.post('/cart/items', { product_id: 5, _csrf: null })],
        ['empty token', () => buyer.post('/cart/items', { product_id: 5, _csrf: '' })],
        [
          'another session’s',
          () =>
            buyer.post('/cart/items', {
              product_id: 5,
              _csrf: other.buyer.cookies.get('yt_csrf')!,
            }),
        ],
        ['logout without token', () => buyer.post('/logout', { _csrf: null })],
      ];
      for (const [what, attempt] of attempts) {
        const res = await attempt();
        assert.equal(res.status, 403, what);
        assert.match(res.body, /did not come from our site/, what);
      }
      for (const headers of [
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
        { origin: 'https://evil.example' },
        { origin: 'null' },
      ]) {
        const cross = shopper();
        for (const [name, value] of buyer.cookies) cross.cookies.set(name, value);
        Object.assign(cross.headers, headers);
        const res = await cross.post('/cart/items', { product_id: 5 });
        assert.equal(res.status, 403, JSON.stringify(headers));
        assert.match(res.body, /another site/);
      }
      const same = shopper();
      for (const [name, value] of buyer.cookies) same.cookies.set(name, value);
      Object.assign(same.headers, {
        origin: 'http://localhost',
        host: 'localhost',
        'sec-fetch-site': 'same-origin',
      });
      assert.equal((await same.post('/cart/items', { product_id: 5 })).status, 303);
      const cart = await buyer.get('/cart');
      assert.doesNotMatch(cart.body, /data-product-id="5"[\s\S]*data-product-id="5"/);
      assert.equal(
        (cart.body.match(/class="cart__line"/g) ?? []).length,
        2,
        'only the same-site add',
      );
    });

    it('changes nothing on GET', async () => {
      const { buyer } = await signedIn();
      for (const url of ['/logout', '/cart/items?product_id=4', '/checkout']) {
        const res = await buyer.get(url);
        assert.notEqual(res.status, 500, url);
      }
      assert.equal((await buyer.get('/account')).status, 200, 'still signed in');
      assert.equal(buyer.cookies.get('cart_count'), '1');
    });

    it('refuses a tampered, expired-looking or other session’s encrypted checkout field', async () => {
      const { buyer } = await signedIn();
      const review = async (who: Shopper) => {
        const form = await who.get('/checkout');
        const key = /name="idempotency_key" value="([^"]+)"/.exec(form.body)![1]!;
        const res = await who.post('/checkout/review', {
          name: 'Grace',
          line1: '1 Navy Way',
          city: 'Arlington',
          postcode: '22201',
          country: 'United States',
          shipping_method: 'express',
          card_number: '4242424242424242',
          idempotency_key: key,
        });
        return /name="state" value="([^"]+)"/.exec(res.body)![1]!;
      };
      const state = await review(buyer);
      const flipped = state.slice(0, 20) + (state[20] === 'A' ? 'B' : 'A') + state.slice(21);
      for (const bad of [flipped, state.slice(0, -4), 'not-base64!', '']) {
        const res = await buyer.post('/checkout', { state: bad });
        assert.equal(res.status, 400, bad);
        assert.match(res.body, /changed, or belongs to another session/);
      }
      const other = await signedIn();
      const theirs = await review(other.buyer);
      const res = await buyer.post('/checkout', { state: theirs });
      assert.equal(res.status, 400);
      assert.match(res.body, /belongs to another session/);
      assert.equal(buyer.cookies.get('cart_count'), '1', 'nothing was bought');
    });

    it('renders XSS payloads in names, addresses and search terms escaped on every page', async () => {
      const { buyer } = await signedIn(XSS);
      const account = await buyer.get('/account');
      assert.ok(account.body.includes(ESCAPED), 'name on the account page');
      const form = await buyer.get('/checkout');
      const key = /name="idempotency_key" value="([^"]+)"/.exec(form.body)![1]!;
      const address = {
        name: XSS,
        line1: XSS,
        line2: XSS,
        city: XSS,
        region: XSS,
        postcode: '"><svg/onload=1>',
        country: XSS,
        shipping_method: 'standard',
        card_number: '4242424242424242',
        idempotency_key: key,
      };
      const reviewed = await buyer.post('/checkout/review', address);
      const refilled = await buyer.get('/checkout');
      const state = /name="state" value="([^"]+)"/.exec(reviewed.body)![1]!;
      const placed = await buyer.post('/checkout', { state });
      const order = await buyer.get(String(placed.headers['location']));
      const search = await buyer.get(`/search?q=${encodeURIComponent(XSS)}`);
      const badCart = await buyer.post('/cart/items', { product_id: XSS });
      for (const [page, res] of Object.entries({ reviewed, refilled, order, search, badCart })) {
        assert.doesNotMatch(res.body, /<script>alert|<img src=x|<svg\/onload/, page);
      }
      assert.ok(order.body.includes(ESCAPED), 'the address on the order page');
      assert.ok(order.body.includes('&quot;&gt;&lt;svg/onload=1&gt;'));
      for (const res of [account, order, reviewed]) {
        assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.ok(res.headers['referrer-policy']);
        assert.equal(res.headers['cache-control'], 'private, no-store');
      }
    });

    it('shows an order only to its customer or session', async () => {
      const { buyer } = await signedIn();
      const form = await buyer.get('/checkout');
      const key = /name="idempotency_key" value="([^"]+)"/.exec(form.body)![1]!;
      const placed = await buyer.post('/checkout', {
        name: 'G',
        line1: '1 Way',
        city: 'C',
        postcode: '1',
        country: 'US',
        card_number: '4242424242424242',
        idempotency_key: key,
      });
      assert.equal(placed.status, 303, placed.body);
      const url = String(placed.headers['location']);
      assert.equal((await buyer.get(url)).status, 200);
      assert.equal((await shopper().get(url)).status, 404);
      assert.equal((await (await signedIn()).buyer.get(url)).status, 404);
    });

    it('answers the same for an unknown email and a wrong password, and throttles guessing', async () => {
      const { email } = await signedIn();
      const guesser = shopper();
      await guesser.get('/login');
      const wrong = await guesser.post('/login', { email, password: 'wrong password!!' });
      const unknown = await guesser.post('/login', {
        email: 'nobody@example.com',
        password: 'wrong password!!',
      });
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      const message = (body: string) => /role="alert">([^<]+)</.exec(body)?.[1];
      assert.equal(message(wrong.body), message(unknown.body));
      let last = wrong;
      for (let i = 0; i < 6; i++)
        last = await guesser.post('/login', { email, password: `guess ${i} guess` });
      assert.equal(last.status, 429);
      assert.ok(Number(last.headers['retry-after']) > 0);
    });
  });
}
