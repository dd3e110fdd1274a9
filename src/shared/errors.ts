/** Base of every error the project throws: a stable `code`, the HTTP `status` it maps to, and a `cause`. */
export class YuletideError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.status = status;
  }
}

/** A request whose input cannot be accepted: a malformed id, an unknown sort key, an overlong value. */
export class BadRequestError extends YuletideError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('YT_ERR_BAD_REQUEST', 400, message, options);
  }
}

/** Nothing lives at this address: an unknown route, product or category. */
export class NotFoundError extends YuletideError {
  constructor(message = 'Not found', options?: { cause?: unknown }) {
    super('YT_ERR_NOT_FOUND', 404, message, options);
  }
}

/** A configuration value that cannot be used; the message names the option. */
export class ConfigError extends YuletideError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('YT_ERR_CONFIG', 500, message, options);
  }
}

/** A request refused for what it is, whoever sends it: a missing CSRF token, a cross-site form post. */
export class ForbiddenError extends YuletideError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('YT_ERR_FORBIDDEN', 403, message, options);
  }
}

/** Work the server has too much of just now (a queue at its bound); the message says to try again. */
export class BusyError extends YuletideError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('YT_ERR_BUSY', 503, message, options);
  }
}
