export { loadConfig, type Config, type ConfigSource } from './config.js';
export {
  YuletideError,
  BadRequestError,
  NotFoundError,
  ConfigError,
  ForbiddenError,
  BusyError,
} from './errors.js';
export { createLogger, type Logger } from './logger.js';
export { sign, verify } from './signed-value.js';
export { seal, unseal, sealingKey, type UnsealFailure } from './sealed-value.js';
export { SessionCookies, DEFAULT_SESSION_COOKIE } from './session-cookies.js';
export { CSRF_COOKIE, csrfCookie, csrfToken } from './csrf-token.js';
export { ThreadCalls, serveCalls, lowerThisThread } from './thread-calls.js';
export { OldestKeys } from './oldest-keys.js';
