import net from 'node:net';

/**
 * A port free on `host` right now, found by binding port 0. Another process could take it
 * before the child binds it; on loopback at start-up that is rare, and a child that fails to
 * bind exits and is restarted (on the same port, so the proxy's upstream list stays true).
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
