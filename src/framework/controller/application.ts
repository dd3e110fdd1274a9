import type { IncomingHttpHeaders } from 'node:http';
import FindMyWay from 'find-my-way';
import { BadRequestError, NotFoundError, type Logger } from '../../shared/index.js';
import { MethodNotAllowedError } from '../errors.js';
import type { Views } from '../view/views.js';
import type { AppRequest, AppResponse } from './exchange.js';
import { RequestContext } from './request-context.js';
import { errorResponse } from './error-page.js';

/** A controller: parses and checks input, calls models, picks a view. */
export type Controller<Services> = (
  context: RequestContext<Services>,
) => AppResponse | Promise<AppResponse>;

type Method = 'GET' | 'POST';

export interface ApplicationOptions<Services> {
  readonly views: Views;
  readonly log: Logger;
  readonly services: Services;
  /** `s-maxage` for a public page that recorded no data. */
  readonly defaultMaxAge: number;
}

/**
 * Routes requests to controllers and wraps every one in the top-level error handler
 * (the paper's `ESF::Control->run()`). Knows nothing of sockets: `handle` maps a request to a response.
 */
export class Application<Services> {
  readonly #router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 200 });
  readonly #options: ApplicationOptions<Services>;

  constructor(options: ApplicationOptions<Services>) {
    this.#options = options;
  }

  /** The services every controller reaches, for the process that wires them to other things. */
  get services(): Services {
    return this.#options.services;
  }

  get(path: string, controller: Controller<Services>): this {
    return this.#on('GET', path, controller);
  }

  post(path: string, controller: Controller<Services>): this {
    return this.#on('POST', path, controller);
  }

  #on(method: Method, path: string, controller: Controller<Services>): this {
    this.#router.on(method, path, () => undefined, controller);
    return this;
  }

  /** Runs one request through its controller; never throws. HEAD runs as GET. */
  async handle(request: AppRequest): Promise<AppResponse> {
    const { views, log, services, defaultMaxAge } = this.#options;
    let context: RequestContext<Services> | undefined;
    try {
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      const route = this.#find(method, request.path);
      context = new RequestContext({
        request,
        params: route.params,
        log,
        services,
        views,
        defaultMaxAge,
      });
      return await route.controller(context);
    } catch (error) {
      const section = context?.section ?? 'default';
      return errorResponse(error, { views, log, requestId: request.requestId, section });
    }
  }

  #find(method: string, path: string) {
    let found;
    try {
      found = this.#router.find(method as Method, path);
    } catch (error) {
      throw new BadRequestError('The address is malformed.', { cause: error });
    }
    if (found) return { controller: found.store as Controller<Services>, params: found.params };
    const allowed = (['GET', 'POST'] as const).filter((other) => this.#router.find(other, path));
    if (allowed.length > 0) {
      throw new MethodNotAllowedError(
        allowed.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])).join(', '),
      );
    }
    throw new NotFoundError('We could not find that page.');
  }

  /** An in-process request, for tests: no socket, same handling as the server. */
  inject(request: {
    method?: string;
    url: string;
    headers?: IncomingHttpHeaders;
    body?: string;
    remoteAddress?: string;
  }): Promise<AppResponse> {
    const url = new URL(request.url, 'http://localhost');
    return this.handle({
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers ?? {},
      body: Buffer.from(request.body ?? ''),
      requestId: 'test-request',
      remoteAddress: request.remoteAddress ?? '127.0.0.1',
    });
  }
}
