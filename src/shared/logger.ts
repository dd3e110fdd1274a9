import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

/** The one JSON-lines logger of a process; requests log through `logger.child({ reqId })`. */
export function createLogger(
  options: { level: string; role: string },
  destination?: DestinationStream,
): Logger {
  return pino(
    { level: options.level, base: { role: options.role, pid: process.pid } },
    destination ?? pino.destination({ sync: false }),
  );
}
