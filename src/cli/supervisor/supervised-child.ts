import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../../shared/index.js';

/** One process the supervisor runs: what to start and where it answers. */
export interface ChildSpec {
  readonly role: 'proxy' | 'app' | 'search';
  readonly port: number;
  /** Arguments after `node`, e.g. `[bin/yuletide.js, 'app', '--port', '8081']`. */
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Backoff after a crash: 250 ms, doubling to at most 30 s. */
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 30_000;
/** A child that ran this long before crashing is restarted without delay again. */
const STABLE_AFTER_MS = 30_000;
/** How long a child has to stop gracefully before it is killed. */
const STOP_TIMEOUT_MS = 12_000;
/** Preloaded into each child: it stops when the supervisor's process is gone (see the file). */
const EXIT_WITH_PARENT = new URL('./exit-with-parent.js', import.meta.url).href;
/**
 * V8's young generation at 32 MiB a semi-space instead of 16: a request's short-lived objects die
 * before a scavenge has to copy them. Under the load test the proxy took 4–12 % less CPU a page
 * view in 7 of 8 paired runs (docs/load-test.md).
 */
const NODE_FLAGS = ['--max-semi-space-size=32'];

/**
 * Runs one child, restarts it with exponential backoff when it exits unasked, and stops it
 * (SIGTERM, then SIGKILL after a grace period) when told.
 */
export class SupervisedChild {
  readonly spec: ChildSpec;
  readonly #log: Logger;
  readonly #onChange: () => void;
  #process: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();
  #crashes = 0;
  #restarts = 0;
  #startedAt: Date | undefined;
  #restartTimer: NodeJS.Timeout | undefined;
  #stopping = false;

  constructor(spec: ChildSpec, log: Logger, onChange: () => void) {
    this.spec = spec;
    this.#log = log;
    this.#onChange = onChange;
  }

  get pid(): number | null {
    return this.#process?.pid ?? null;
  }

  get restarts(): number {
    return this.#restarts;
  }

  get startedAt(): Date | undefined {
    return this.#startedAt;
  }

  get url(): string {
    return `http://127.0.0.1:${this.spec.port}`;
  }

  /**
   * Starts the child (output goes to the supervisor's own stdout and stderr). Its IPC channel
   * carries no messages: the child watches it close to know that the supervisor has died.
   */
  start(): void {
    if (this.#stopping) return;
    const child = spawn(
      process.execPath,
      [...NODE_FLAGS, '--import', EXIT_WITH_PARENT, ...this.spec.args],
      {
        env: this.spec.env,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    this.#process = child;
    this.#startedAt = new Date();
    this.#exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        resolve();
        this.#exit(child, code, signal);
      });
    });
    child.once('error', (error) =>
      this.#log.error({ err: error, role: this.spec.role }, 'spawn failed'),
    );
    this.#log.info(
      {
        role: this.spec.role,
        child: child.pid,
        childPort: this.spec.port,
        restarts: this.#restarts,
      },
      'child started',
    );
    this.#onChange();
  }

  /** Stops the child for good: SIGTERM, then SIGKILL if it is still there after the grace period. */
  async stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    const child = this.#process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.#exited;
    clearTimeout(timer);
  }

  /** Kills the child at once, from a synchronous `exit` handler. */
  killNow(): void {
    const child = this.#process;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  #exit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#stopping || child !== this.#process) return;
    const ranMs = Date.now() - (this.#startedAt?.getTime() ?? Date.now());
    if (ranMs >= STABLE_AFTER_MS) this.#crashes = 0;
    const delay = Math.min(FIRST_DELAY_MS * 2 ** this.#crashes, MAX_DELAY_MS);
    this.#crashes++;
    this.#log.error(
      { role: this.spec.role, child: child.pid, code, signal, restartInMs: delay },
      'child exited; restarting',
    );
    this.#restartTimer = setTimeout(() => {
      this.#restarts++;
      this.start();
    }, delay);
  }
}
