import type { Database } from '../db/index.js';
import type { SearchClient } from '../search/index.js';
import type { Catalog } from './catalog/catalog.js';

/** What the store's controllers reach through `context.services`. */
export interface StoreServices {
  readonly database: Database;
  readonly catalog: Catalog;
  /** The search daemon's client when SEARCH_URL is set; without it /search asks the database. */
  readonly search?: SearchClient | undefined;
}
