import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Config } from '../../shared/index.js';
import { freePort } from '../supervisor/index.js';

/** A store `yuletide bench` started itself, and how to stop it. */
export interface LocalStore {
  readonly url: string;
  stop(): Promise<void>;
}

/** How much of the store's output is kept, to show when it fails to start. */
const KEEP_OUTPUT = 16_384;

/**
 * Runs `yuletide start` (the supervisor: search, app servers, proxy — `npm start`) on a free
 * loopback port with this command's DATA_DIR and DATABASE_URL, seeding an empty database with
 * `products`, and resolves once it prints its ready line. Its log goes nowhere unless it fails.
 */
export async function startLocalStore(
  config: Config,
  root: string,
  options: { products: number; timeoutMs: number; env: NodeJS.ProcessEnv },
): Promise<LocalStore> {
  const port = await freePort('127.0.0.1');
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'bin', 'yuletide.js'),
      'start',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--products',
      String(options.products),
    ],
    {
      env: {
        ...options.env,
        DATA_DIR: config.dataDir,
        DATABASE_URL: config.databaseUrl,
        LOG_LEVEL: config.logLevel,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-KEEP_OUTPUT);
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the store did not start within ${options.timeoutMs / 1000} s:\n${output}`));
    }, options.timeoutMs);
    const onData = (chunk: Buffer) => {
      keep(chunk);
      const ready = /Yuletide is ready at (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.on('data', keep);
        resolve(ready[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', keep);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the store exited before it was ready:\n${output}`));
    });
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
