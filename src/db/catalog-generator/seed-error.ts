import { YuletideError } from '../../shared/index.js';

/** The database already holds a catalog, so seeding it again would clash with what is there. */
export class SeedError extends YuletideError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('YT_ERR_SEED', 409, message, options);
  }
}
