export { openDatabase, migrate, isEmpty, type Database, type OpenOptions } from './database.js';
export { DatabaseError } from './errors.js';
export type { DialectName } from './dialects/dialect-name.js';
export type * from './schema.js';
export { seedCatalog, type SeedOptions, type SeedReport } from './catalog-generator/index.js';
