import type { Database } from '../db/index.js';
import type { Catalog } from './catalog/catalog.js';

/** What the store's controllers reach through `context.services`. */
export interface StoreServices {
  readonly database: Database;
  readonly catalog: Catalog;
}
