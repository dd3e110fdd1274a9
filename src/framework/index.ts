export { Application, type Controller, type ApplicationOptions } from './controller/application.js';
export {
  RequestContext,
  type CachePolicy,
  HTML_SECURITY_HEADERS,
} from './controller/request-context.js';
export type { AppRequest, AppResponse } from './controller/exchange.js';
export {
  stringParam,
  intParam,
  moneyParam,
  choiceParam,
  idSegment,
  MAX_PARAM_LENGTH,
} from './controller/params.js';
export { Freshness } from './model/freshness.js';
export { Views, type ViewsOptions } from './view/views.js';
export { AppServer, DEFAULT_TIMEOUTS, type ServerTimeouts } from './app-server.js';
export { TemplateError, MethodNotAllowedError, PayloadTooLargeError } from './errors.js';
