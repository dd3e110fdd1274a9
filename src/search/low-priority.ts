import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The command prefix that starts a program at the lowest CPU priority this host allows: `chrt
 * --idle 0` (Linux SCHED_IDLE: it runs only on a core nothing else wants, and any other thread that
 * wakes takes the core back at once), else `nice -n 19` (a small share), else nothing. Every
 * thread of the program inherits it, V8's garbage-collection helpers included. Found once.
 */
let prefix: Promise<readonly string[]> | undefined;
export function lowPriorityPrefix(): Promise<readonly string[]> {
  prefix ??= (async () => {
    for (const candidate of [
      ['chrt', '--idle', '0'],
      ['nice', '-n', '19'],
    ]) {
      try {
        await run(candidate[0]!, [...candidate.slice(1), process.execPath, '-e', '0']);
        return candidate;
      } catch {
        // Not installed, or not permitted here: try the next.
      }
    }
    return [];
  })();
  return prefix;
}
