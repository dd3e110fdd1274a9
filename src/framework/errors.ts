import { YuletideError } from '../shared/index.js';

/** A template that cannot be found or compiled. */
export class TemplateError extends YuletideError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('YT_ERR_TEMPLATE', 500, message, options);
  }
}

/** The request method is not allowed on this path. */
export class MethodNotAllowedError extends YuletideError {
  readonly allow: string;
  constructor(allow: string) {
    super('YT_ERR_METHOD_NOT_ALLOWED', 405, 'This address does not accept that method.');
    this.allow = allow;
  }
}

/** The request body is larger than the server accepts. */
export class PayloadTooLargeError extends YuletideError {
  constructor(limit: number) {
    super('YT_ERR_PAYLOAD_TOO_LARGE', 413, `Request bodies are limited to ${limit} bytes.`);
  }
}

/** A model was asked for a part it does not have: a programming error, reported precisely. */
export class UnknownPartError extends YuletideError {
  constructor(model: string, part: string) {
    super('YT_ERR_UNKNOWN_PART', 500, `the ${model} model has no part '${part}'`);
  }
}

/** A model was given an id or value it cannot accept. */
export class ModelInputError extends YuletideError {
  constructor(message: string) {
    super('YT_ERR_MODEL_INPUT', 400, message);
  }
}
