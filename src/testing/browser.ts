import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PROJECT_ROOT } from './store-fixture.js';

/** Debian's `chromium` package, which scripts/install-chromium.sh installs (`npm test`'s pretest). */
export const CHROMIUM_PATH = process.env['YULETIDE_TEST_CHROMIUM'] ?? '/usr/bin/chromium';

/** Where the browser suites leave their screenshots, for a person (or CI's artifact upload) to see. */
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test-artifacts', 'screenshots');

let chromiumChecked: string | false | undefined;

/**
 * False when Chromium is installed at CHROMIUM_PATH, else a one-line reason (printed once); with
 * CI set its absence is an error, as for PostgreSQL and Redis.
 */
export function chromiumSkipReason(): string | false {
  chromiumChecked ??= (() => {
    try {
      fs.accessSync(CHROMIUM_PATH, fs.constants.X_OK);
      return false;
    } catch (error) {
      if (process.env['CI']) {
        throw new Error(
          `Chromium is required in CI at ${CHROMIUM_PATH}: run scripts/install-chromium.sh as root`,
          { cause: error },
        );
      }
      const reason = `browser suite skipped: no Chromium at ${CHROMIUM_PATH} (scripts/install-chromium.sh installs it)`;
      console.log(`# ${reason}`);
      return reason;
    }
  })();
  return chromiumChecked;
}

/**
 * Launches the installed Chromium headless through playwright-core. playwright-core is imported
 * here, not at the top, because loading it takes about 1.5 s and every test that imports
 * src/testing would pay for it. `--no-sandbox`: Chromium's sandbox cannot start as root, which is
 * how containers and CI run the tests; `--disable-dev-shm-usage`: Docker's /dev/shm is 64 MB by
 * default, too small for the renderer's shared memory, which then crashes on long pages.
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
    timeout: 30_000,
  });
}

/** Saves a full-page PNG of `page` as SCREENSHOT_DIR/`name`.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^A-Za-z0-9_-]+/g, '-')}.png`);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
