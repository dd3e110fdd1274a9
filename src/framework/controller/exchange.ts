import type { IncomingHttpHeaders } from 'node:http';

/** A request as controllers see it: no sockets, so tests build one by hand (see `Application.inject`). */
export interface AppRequest {
  readonly method: string;
  /** The path, percent-decoding left to the router. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly requestId: string;
  readonly remoteAddress: string;
}

/** What a controller answers; the server adapter writes it out. */
export interface AppResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer;
}
