import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../shared/index.js';

/** A logger whose JSON lines are kept in memory, for tests that assert what was logged. */
export function captureLogs(): { log: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const log = createLogger({ level: 'info', role: 'test' }, stream);
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines };
}
