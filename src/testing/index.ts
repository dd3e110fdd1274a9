export { testDialects, type TestDialect } from './dialects.js';
