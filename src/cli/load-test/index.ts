export { runLoad, type LoadOptions, type LoadResult, type CpuUse } from './load-generator.js';
export {
  parseMix,
  formatMix,
  pagesPerSession,
  DEFAULT_MIX,
  type ShoppingMix,
} from './shopping-mix.js';
export { textReport, headline, verdict } from './text-report.js';
export { htmlReport } from './html-report.js';
export { startLocalStore, type LocalStore } from './local-store.js';
export { forkStubStore, listenStubStore, createStubStore } from './stub-store.js';
export { ETOYS_PEAK_PER_HOUR, BARS } from './etoys.js';
