import type { Server } from 'node:net';
import type { Socket } from 'node:net';

/**
 * Destroys connections whose answer has stopped moving for `stallMs`: a client that stopped
 * reading (or reads a byte now and then no more) would otherwise hold its socket and buffered
 * answer for ever. Checked by a sweep a few times per `stallMs`, instead of node's per-socket
 * inactivity timeout, which re-arms a timer on every read and write of the hot path.
 */
export class StalledWriters {
  readonly #sockets = new Set<Socket>();
  /** Where each socket's pending output stood when it was last seen to move. */
  readonly #seen = new WeakMap<Socket, { mark: string; since: number }>();
  readonly #stallMs: number;
  readonly #timer: NodeJS.Timeout;

  constructor(server: Server, stallMs: number) {
    this.#stallMs = stallMs;
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
    this.#timer = setInterval(() => this.#sweep(), Math.min(Math.max(stallMs / 4, 100), 5000));
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #sweep(): void {
    const now = Date.now();
    for (const socket of this.#sockets) {
      if (socket.writableLength === 0) {
        this.#seen.delete(socket);
        continue;
      }
      // Queued bytes and bytes still pending: if neither changed, nothing was sent since.
      const mark = `${socket.bytesWritten}:${socket.writableLength}`;
      const seen = this.#seen.get(socket);
      if (seen?.mark !== mark) this.#seen.set(socket, { mark, since: now });
      else if (now - seen.since >= this.#stallMs) socket.destroy();
    }
  }
}
