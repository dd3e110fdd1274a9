export { openDatabase, migrate, isEmpty, type Database, type OpenOptions } from './database.js';
export { DatabaseError } from './errors.js';
export type { DialectName } from './dialects/dialect-name.js';
export type * from './schema.js';
export {
  seedCatalog,
  SeedError,
  type SeedOptions,
  type SeedReport,
} from './catalog-generator/index.js';
export {
  appendChange,
  appendChanges,
  changesAfter,
  latestChangeId,
  pruneChanges,
  CHANGE_CHANNEL,
  type Change,
  type NewChange,
} from './change-feed/change-feed.js';
export {
  ChangeFeedReader,
  type ChangeFeedReaderOptions,
} from './change-feed/change-feed-reader.js';
export { isUniqueViolation } from './unique-violation.js';
