import { startYuletide, type RunningProcess } from './child-process.js';

/** `yuletide proxy` on a free port in front of `upstreams` (one URL, or several). */
export function startProxy(
  upstreams: string | readonly string[],
  env: Record<string, string>,
  args: readonly string[] = [],
): Promise<RunningProcess> {
  const list = typeof upstreams === 'string' ? upstreams : upstreams.join(',');
  return startYuletide(['proxy', '--port', '0', '--upstream', list, ...args], env);
}

export interface StackOptions {
  /** The environment of every process: DATA_DIR, DATABASE_URL, SITE_SECRET… */
  readonly env: Record<string, string>;
  /** App servers behind the proxy. Default 1. */
  readonly apps?: number;
  /** Added for the app servers only (LOG_LEVEL=debug to see which one served a request). */
  readonly appEnv?: Record<string, string>;
  /** Added for the proxy only. */
  readonly proxyEnv?: Record<string, string>;
  /** More arguments for `yuletide proxy`. */
  readonly proxyArgs?: readonly string[];
}

/** App servers and a proxy in front of them, as separate processes on free ports. */
export interface Stack {
  readonly apps: readonly RunningProcess[];
  readonly proxy: RunningProcess;
  /** The proxy's `http://127.0.0.1:port`. */
  readonly url: string;
  /** Kills every process (SIGKILL: a test's stack needs no graceful stop). */
  stop(): Promise<void>;
}

/** Starts a Stack; if any process fails to start, the others are killed. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const started: RunningProcess[] = [];
  const stop = async () => {
    await Promise.all(started.map((process) => process.stop('SIGKILL')));
  };
  try {
    const results = await Promise.allSettled(
      Array.from({ length: options.apps ?? 1 }, () =>
        startYuletide(['app', '--port', '0'], { ...options.env, ...options.appEnv }),
      ),
    );
    const apps: RunningProcess[] = [];
    for (const result of results) if (result.status === 'fulfilled') apps.push(result.value);
    started.push(...apps);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const proxy = await startProxy(
      apps.map((app) => `http://127.0.0.1:${app.port}`),
      { ...options.env, ...options.proxyEnv },
      options.proxyArgs,
    );
    started.push(proxy);
    return { apps, proxy, url: `http://127.0.0.1:${proxy.port}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
