import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP server on a free loopback port, standing in for an origin behind the proxy. */
export interface TestOrigin {
  readonly server: http.Server;
  readonly port: number;
  /** `http://127.0.0.1:port`, for `--upstream`. */
  readonly url: string;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
}

/** Starts a TestOrigin answering with `handler`. */
export async function startOrigin(handler: http.RequestListener): Promise<TestOrigin> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
