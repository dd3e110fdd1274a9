import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from './store-fixture.js';

/** A `yuletide` command running as a child process, for end-to-end tests. */
export interface RunningProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves to the exit code (or signal name) once it has exited. */
  readonly exited: Promise<number | string>;
  /** Sends `signal` (default SIGTERM) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/**
 * Starts `node bin/yuletide.js ...args` and resolves once it logs that it is listening (a JSON
 * line with `port`), or rejects after `timeoutMs` with what it printed.
 */
export function startYuletide(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<RunningProcess> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'yuletide.js'), ...args], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`yuletide ${args.join(' ')} did not start:\n${text}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /"port":(\d+)[^\n]*listening/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve({
          child,
          port: Number(match[1]),
          output: () => text,
          exited,
          stop: (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`yuletide ${args.join(' ')} exited (${code}) before listening:\n${text}`));
    });
  });
}
