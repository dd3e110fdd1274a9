export { testDialects, type TestDialect } from './dialects.js';
export { insertCatalogFixture, FIXTURE_TIME, XSS_TITLE } from './catalog-fixture.js';
export { captureLogs } from './log-capture.js';
export {
  storeForTests,
  PROJECT_ROOT,
  TEST_ADDRESS,
  TEST_TTL,
  TEST_SITE_SECRET,
} from './store-fixture.js';
export { startYuletide, type RunningProcess } from './child-process.js';
export { redisSkipReason, TEST_REDIS_URL } from './redis.js';
export { LMDB_WRITER, writerChecksum } from './lmdb-writer.js';
export {
  Shopper,
  httpTransport,
  injectTransport,
  type Transport,
  type ShopperResponse,
} from './shopper.js';
export {
  chromiumSkipReason,
  launchChromium,
  saveScreenshot,
  CHROMIUM_PATH,
  SCREENSHOT_DIR,
} from './browser.js';
export { fixtureDatabase, type FixtureDatabase } from './fixture-database.js';
export { startOrigin, type TestOrigin } from './test-origin.js';
export { httpRequest, type Reply, type RequestOptions } from './http-request.js';
export { cookiePair, issueSessions } from './session-cookies.js';
export { waitFor, inBatches } from './waiting.js';
export { freePort, isAlive } from './processes.js';
export { startProxy, startStack, type Stack, type StackOptions } from './proxy-stack.js';
export { rawExchange } from './raw-exchange.js';
export { externalAddress } from './external-address.js';
export { testPage } from './page-fixture.js';
export { tempDirs } from './temp-dirs.js';
