import { describe, it, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { openDatabase, migrate } from '../../src/db/index.js';
import {
  chromiumSkipReason,
  insertCatalogFixture,
  launchChromium,
  saveScreenshot,
  SCREENSHOT_DIR,
  startYuletide,
  type RunningProcess,
} from '../../src/testing/index.js';

const skip = chromiumSkipReason();

/** The address every test shopper ships to. */
const ADDRESS = {
  name: 'Holly Berry',
  line1: '1 Candy Cane Lane',
  city: 'North Pole',
  region: 'AK',
  postcode: '99705',
  country: 'United States',
};

/** Resolves once `probe` returns a value, polling every 50 ms, or rejects after `timeoutMs`. */
async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `value` as a regular expression that matches it literally. */
function literal(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The visible text of the first element `selector` matches, trimmed. */
async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).trim();
}

/** What the header's cart badge shows: its number, or null while it is hidden. */
async function badge(page: Page): Promise<string | null> {
  const count = page.locator('.site-header [data-cart-count]');
  return (await count.isVisible()) ? (await count.innerText()).trim() : null;
}

/**
 * A shopper in a fresh browser profile (no cookies). Screenshots go to
 * test-artifacts/screenshots/`prefix`-NN-step.png; on a failure the page is saved as
 * `prefix`-failed.png. Whatever the browser reports as broken (a failed image or script, a
 * script error, a CSP violation) fails the test, unless `expected` matches it.
 */
async function shopper(
  t: TestContext,
  browser: Browser,
  baseURL: string,
  prefix: string,
  expected?: RegExp,
) {
  const context: BrowserContext = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  // Only this run's pictures, so an old run's `-failed.png` is not mistaken for this one's.
  for (const file of fs.existsSync(SCREENSHOT_DIR) ? fs.readdirSync(SCREENSHOT_DIR) : []) {
    if (file.startsWith(`${prefix}-`)) fs.rmSync(path.join(SCREENSHOT_DIR, file));
  }
  let step = 0;
  t.after(async () => {
    await context.close();
  });
  return {
    page,
    problems,
    /** Saves the page as the next numbered screenshot of this test. */
    snap: async (name: string) => {
      step += 1;
      await saveScreenshot(page, `${prefix}-${String(step).padStart(2, '0')}-${name}`);
    },
    /** Runs the test body; on a failure saves the page and adds what the browser reported. */
    run: async (body: () => Promise<void>) => {
      try {
        await body();
        const broken = problems.filter((problem) => !expected?.test(problem));
        assert.deepEqual(broken, [], 'the browser reported nothing broken');
      } catch (error) {
        const file = await saveScreenshot(page, `${prefix}-failed`).catch(() => 'none');
        t.diagnostic(`failed at ${page.url()}; screenshot ${file}`);
        for (const problem of problems) t.diagnostic(problem);
        throw error;
      }
    },
  };
}

/** Adds the product on the open product page to the cart; resolves on the cart page. */
async function addToCart(page: Page, quantity: number) {
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.waitForURL('**/cart');
}

/** From a non-empty cart: the checkout form filled in with `card`, then "Review your order". */
async function checkOut(page: Page, card: string, snap: (name: string) => Promise<void>) {
  await page.getByRole('link', { name: 'Check out' }).click();
  await page.waitForURL('**/checkout');
  assert.equal(await text(page, 'h1'), 'Checkout');
  await page.getByLabel('Full name').fill(ADDRESS.name);
  await page.getByLabel('Street address').fill(ADDRESS.line1);
  await page.getByLabel('Town or city').fill(ADDRESS.city);
  await page.getByLabel('State or region').fill(ADDRESS.region);
  await page.getByLabel('ZIP or postcode').fill(ADDRESS.postcode);
  await page.getByLabel('Country').fill(ADDRESS.country);
  await page.getByLabel('Card number').fill(card);
  await snap('checkout');
  await page.getByRole('button', { name: 'Review your order' }).click();
  await page.waitForURL('**/checkout/review');
  assert.equal(await text(page, 'h1'), 'Review your order');
  assert.match(await text(page, 'main'), new RegExp(`Card ending ${card.slice(-4)}`));
  assert.match(await text(page, 'address'), /Holly Berry[\s\S]*1 Candy Cane Lane[\s\S]*North Pole/);
  await snap('review');
  await page.getByRole('button', { name: 'Place order' }).click();
}

/** Registers a new account from wherever the shopper is; resolves on /account. */
async function register(page: Page, email: string, snap: (name: string) => Promise<void>) {
  await page.locator('.site-header').getByRole('link', { name: 'Account' }).click();
  await page.waitForURL('**/login?next=%2Faccount');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.waitForURL('**/register');
  await page.getByLabel('Your name').fill(ADDRESS.name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password (10 characters or more)').fill('mistletoe-and-wine');
  await snap('register');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/account');
  assert.equal(await text(page, 'h1'), 'Your account');
  assert.match(
    await text(page, 'main'),
    new RegExp(`Signed in as Holly Berry \\(${literal(email)}\\)`),
  );
}

describe('a shopper in Chromium, against the whole store', { skip }, () => {
  let dir: string;
  let cluster: RunningProcess;
  let baseURL: string;
  let browser: Browser;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-browser-'));
    const url = `sqlite:${path.join(dir, 'store.db')}`;
    const database = openDatabase(url);
    await migrate(database);
    await insertCatalogFixture(database);
    await database.close();
    // `npm start` on a free port: proxy, two app servers and the search daemon, default throttling.
    const [started, launched] = await Promise.all([
      startYuletide(['start'], {
        DATA_DIR: dir,
        DATABASE_URL: url,
        PORT: '0',
        APP_SERVERS: '2',
      }),
      launchChromium(),
    ]);
    cluster = started;
    browser = launched;
    baseURL = await waitFor(
      () => /Yuletide is ready at (http:\/\/\S+\/)/.exec(cluster.output())?.[1],
      30_000,
      'the ready line',
    );
  });
  after(async () => {
    await browser?.close();
    await cluster?.stop('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('browses, searches, adds to cart, registers, pays with 4242… and sees the order', async (t) => {
    const { page, snap, run } = await shopper(t, browser, baseURL, 'shopping');
    await run(async () => {
      await page.goto('/');
      assert.equal(await text(page, 'h1'), 'Everything for the holidays, in one place');
      assert.equal(await badge(page), null, 'no cart badge before anything is added');
      await snap('home');

      await page
        .getByRole('navigation', { name: 'Store sections' })
        .getByRole('link', { name: 'Toys' })
        .click();
      await page.waitForURL('**/s/toys');
      assert.equal(await text(page, '.section-banner h1'), 'Toys');
      await snap('section');

      await page
        .getByRole('navigation', { name: 'Shop by category' })
        .getByRole('link', { name: 'Wooden Blocks' })
        .click();
      await page.waitForURL('**/c/wooden-blocks');
      assert.equal(await text(page, 'main h1'), 'Wooden Blocks');
      assert.match(await text(page, '.listing__count'), /^Showing 1–\d+ of \d+ products$/);
      await snap('category');

      const browsed = await text(page, '.listing__results .product-card__title');
      await page.locator('.listing__results .product-card__link').first().click();
      await page.waitForURL(/\/p\/\d+$/);
      assert.equal(await text(page, 'main h1'), browsed);
      assert.equal(await text(page, '.stock'), 'In stock');
      await snap('product');

      await page.getByRole('searchbox', { name: 'Search the store' }).fill('train');
      await page.getByRole('searchbox', { name: 'Search the store' }).press('Enter');
      await page.waitForURL('**/search?q=train');
      assert.equal(await text(page, 'main h1'), 'Results for “train”');
      assert.match(await text(page, '.listing__count'), /^Showing 1–\d+ of \d+ products$/);
      const titles = await page.locator('.listing__results .product-card__title').allInnerTexts();
      assert.ok(
        titles.length > 0 && titles.every((title) => /\btrain\b/i.test(title)),
        `${titles}`,
      );
      await snap('search');

      const found = titles[0]!.trim();
      await page.locator('.listing__results .product-card__link').first().click();
      await page.waitForURL(/\/p\/\d+$/);
      assert.equal(await text(page, 'main h1'), found);
      const price = await text(page, '.product .price__now');
      await snap('search-result');

      await addToCart(page, 2);
      assert.equal(await text(page, 'main h1'), 'Your cart');
      assert.match(await text(page, '.cart__line'), new RegExp(literal(found)));
      assert.equal(await page.locator('.cart__line input[name="quantity"]').inputValue(), '2');
      assert.match(await text(page, 'table.cart tfoot'), /Subtotal \(2 items\)/);
      assert.equal(await badge(page), '2', 'the header shows 2 items');
      await snap('cart');

      // The home page comes from the page cache, so its badge is the client-side cookie's.
      await page.getByRole('link', { name: 'Yuletide', exact: true }).click();
      await page.waitForURL(baseURL);
      assert.equal(await badge(page), '2', 'a cached page shows the count too');

      await register(page, 'holly@example.com', snap);
      assert.match(await text(page, 'main'), /No orders yet\./);
      assert.equal(await badge(page), '2', 'the cart came along when signing in');
      await snap('account-new');

      await page.locator('.site-header').getByRole('link', { name: /^Cart/ }).click();
      await page.waitForURL('**/cart');
      await checkOut(page, '4242 4242 4242 4242', snap);
      await page.waitForURL(/\/orders\/\d+$/);
      const orderId = /\/orders\/(\d+)$/.exec(page.url())![1]!;
      assert.equal(await text(page, 'main h1'), `Order ${orderId}`);
      assert.equal(await text(page, '[data-order-status]'), 'paid');
      assert.match(await text(page, 'main'), /Thank you for your order!/);
      assert.match(await text(page, 'main'), /Paid with the card ending 4242\./);
      assert.match(
        await text(page, 'table.cart tbody'),
        new RegExp(`${literal(found)}\\s+${literal(price)}\\s+2`),
      );
      assert.equal(await badge(page), null, 'the cart is empty after the order');
      await snap('order');

      await page.locator('.site-header').getByRole('link', { name: 'Account' }).click();
      await page.waitForURL('**/account');
      const row = page.locator('table.orders tbody tr', { hasText: `Order ${orderId}` });
      assert.equal(await row.count(), 1, 'the order is listed in the account');
      assert.match((await row.innerText()).trim(), /\bpaid\b/);
      await snap('account-orders');
      await row.getByRole('link', { name: `Order ${orderId}` }).click();
      await page.waitForURL(`**/orders/${orderId}`);
      assert.equal(await text(page, '[data-order-status]'), 'paid');
    });
  });

  it('shows a declined card 4000… its message and places no order', async (t) => {
    // The declined card's checkout page answers 402 Payment Required, which the console reports.
    const { page, snap, run } = await shopper(t, browser, baseURL, 'declined', /\b402\b/);
    await run(async () => {
      // Straight to a product page, with no cookie yet: the form's token comes from /csrf-token.
      await page.goto('/p/7');
      const title = await text(page, 'main h1');
      assert.match(title, /Dragon Tale 7$/);
      await snap('product');
      await addToCart(page, 1);
      assert.match(await text(page, '.cart__line'), new RegExp(literal(title)));
      assert.equal(await badge(page), '1');

      await register(page, 'ivy@example.com', snap);
      await page.locator('.site-header').getByRole('link', { name: /^Cart/ }).click();
      await page.waitForURL('**/cart');
      await checkOut(page, '4000 0000 0000 0002', snap);
      await page.waitForURL('**/checkout');
      assert.equal(await text(page, 'main h1'), 'Checkout');
      assert.equal(
        await text(page, '.notice--error'),
        'Your card was declined. Please use another card.',
      );
      assert.equal(await page.getByLabel('Full name').inputValue(), ADDRESS.name, 'address kept');
      assert.equal(await badge(page), '1', 'the cart still holds the item');
      await snap('declined');

      await page.locator('.site-header').getByRole('link', { name: 'Account' }).click();
      await page.waitForURL('**/account');
      assert.match(await text(page, 'main'), /No orders yet\./);
      await page.locator('.site-header').getByRole('link', { name: /^Cart/ }).click();
      await page.waitForURL('**/cart');
      assert.match(await text(page, '.cart__line'), new RegExp(literal(title)));
      await snap('cart-kept');
    });
  });
});
