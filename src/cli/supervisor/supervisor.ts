import type { Logger } from '../../shared/index.js';
import { removeClusterFile, writeClusterFile } from './cluster-file.js';
import { SupervisedChild, type ChildSpec } from './supervised-child.js';
import { waitForHealth } from './wait-for-health.js';

/** How long a child may take to answer /__health the first time (the search index builds). */
const READY_TIMEOUT_MS = 120_000;

/**
 * Runs the cluster as child processes: the back tiers first (search, app servers), then the
 * proxy once they answer; restarts any that crash; stops them all, proxy first, on `stop`.
 */
export class Supervisor {
  readonly #log: Logger;
  readonly #dataDir: string;
  readonly #backends: SupervisedChild[];
  readonly #proxy: SupervisedChild | undefined;
  readonly #all: SupervisedChild[];
  #stopped = false;

  constructor(options: { log: Logger; dataDir: string; children: readonly ChildSpec[] }) {
    this.#log = options.log;
    this.#dataDir = options.dataDir;
    const update = () => {
      if (!this.#stopped) writeClusterFile(this.#dataDir, this.#all);
    };
    this.#all = options.children.map((spec) => new SupervisedChild(spec, options.log, update));
    this.#proxy = this.#all.find((child) => child.spec.role === 'proxy');
    this.#backends = this.#all.filter((child) => child !== this.#proxy);
    // A supervisor that dies of an uncaught error must not leave its children running.
    process.once('exit', () => {
      for (const child of this.#all) child.killNow();
    });
  }

  get children(): readonly SupervisedChild[] {
    return this.#all;
  }

  /** Starts every child and resolves once the proxy answers `/__health`. */
  async start(options: { insecure?: boolean } = {}): Promise<void> {
    for (const child of this.#backends) child.start();
    await Promise.all(
      this.#backends.map((child) =>
        waitForHealth(`${child.url}/__health`, READY_TIMEOUT_MS).catch((error: unknown) =>
          this.#log.warn({ err: error, role: child.spec.role }, 'child not healthy yet'),
        ),
      ),
    );
    if (this.#proxy) {
      this.#proxy.start();
      const scheme = options.insecure ? 'https' : 'http';
      await waitForHealth(
        `${scheme}://127.0.0.1:${this.#proxy.spec.port}/__health`,
        READY_TIMEOUT_MS,
        options,
      );
    }
  }

  /** Stops every child: the proxy first, so no request is sent to a stopping app server. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#log.info('stopping the cluster');
    await this.#proxy?.stop();
    await Promise.all(this.#backends.map((child) => child.stop()));
    removeClusterFile(this.#dataDir);
    this.#log.info('cluster stopped');
  }
}
