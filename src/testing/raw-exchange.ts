import net from 'node:net';

/**
 * Writes `data` (or each piece in turn) on a new raw connection and collects what comes back
 * until the server closes it or `waitMs` passes: for shapes an HTTP client would not send.
 */
export function rawExchange(
  port: number,
  data: string | readonly string[],
  waitMs = 1000,
): Promise<{ text: string; closed: boolean; ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('connect', () => {
      for (const piece of typeof data === 'string' ? [data] : data) socket.write(piece);
    });
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false, ms: performance.now() - started });
    }, waitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true, ms: performance.now() - started });
    });
  });
}
