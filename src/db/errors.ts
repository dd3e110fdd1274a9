import { YuletideError } from '../shared/index.js';

/** The database could not be opened, migrated or queried. */
export class DatabaseError extends YuletideError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('YT_ERR_DATABASE', 503, message, options);
  }
}
