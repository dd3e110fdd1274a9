import { YuletideError } from '../shared/index.js';

/** The search daemon could not answer in time, or at all; the caller shows a friendly message. */
export class SearchUnavailableError extends YuletideError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('YT_ERR_SEARCH_UNAVAILABLE', 503, message, options);
  }
}

/** A snapshot file that cannot be used (missing, corrupt, another format); the index is rebuilt. */
export class SnapshotError extends YuletideError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('YT_ERR_SEARCH_SNAPSHOT', 500, message, options);
  }
}

/** A rebuild of the index failed; the index being served is untouched. */
export class IndexBuildError extends YuletideError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('YT_ERR_SEARCH_BUILD', 500, message, options);
  }
}
