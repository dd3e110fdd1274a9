import net from 'node:net';

/** Where the Redis suites connect (CI has a server here). */
export const TEST_REDIS_URL = process.env['YULETIDE_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

let redisAvailable: Promise<string | false> | undefined;

/**
 * Resolves to false when Redis answers PING at TEST_REDIS_URL, else to a one-line reason
 * (printed once); with CI set its absence is an error, as for PostgreSQL.
 */
export function redisSkipReason(): Promise<string | false> {
  redisAvailable ??= (async () => {
    const url = new URL(TEST_REDIS_URL);
    try {
      await ping(url.hostname, Number(url.port || 6379));
      return false;
    } catch (error) {
      if (process.env['CI'])
        throw new Error(`Redis is required in CI at ${TEST_REDIS_URL}`, { cause: error });
      const reason = `Redis suite skipped: no server at ${TEST_REDIS_URL}`;
      console.log(`# ${reason}`);
      return reason;
    }
  })();
  return redisAvailable;
}

function ping(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2000, () => socket.destroy(new Error('timed out')));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.end();
      if (data.toString().startsWith('+PONG')) resolve();
      else reject(new Error(`unexpected reply ${JSON.stringify(data.toString())}`));
    });
    socket.once('error', reject);
  });
}
