import http from 'node:http';
import https from 'node:https';

/** An answer as a test reads it: node's header object (lower-case names, Set-Cookie a list). */
export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface RequestOptions {
  /** Default GET. */
  readonly method?: string;
  /** Sent exactly as given: nothing is added but what node needs (Host, the body's length). */
  readonly headers?: http.OutgoingHttpHeaders;
  readonly body?: string;
  /** Where to connect; default 127.0.0.1. Another address of this machine is not loopback. */
  readonly host?: string;
  /** Speak HTTPS, trusting this certificate (a test's own, for `localhost`). */
  readonly ca?: Buffer;
}

/**
 * One request on a new connection (no agent, no pooling), read whole. Unlike fetch, it adds
 * no header of its own (fetch adds `Cache-Control: no-cache` to a conditional request).
 */
export function httpRequest(
  port: number,
  target: string,
  options: RequestOptions = {},
): Promise<Reply> {
  const { body, ca } = options;
  // node sends a DELETE or OPTIONS body unframed unless told its length.
  const headers =
    body === undefined
      ? options.headers
      : { ...options.headers, 'content-length': Buffer.byteLength(body) };
  const settings = {
    host: options.host ?? '127.0.0.1',
    port,
    path: target,
    method: options.method ?? 'GET',
    headers,
    agent: false as const,
  };
  return new Promise((resolve, reject) => {
    const onResponse = (res: http.IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
      );
    };
    const req = ca
      ? https.request({ ...settings, ca, servername: 'localhost' }, onResponse)
      : http.request(settings, onResponse);
    req.on('error', reject);
    req.end(body);
  });
}
