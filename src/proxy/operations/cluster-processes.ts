import fs from 'node:fs';
import path from 'node:path';

/** One process of the cluster, as the supervisor records it. */
export interface ProcessInfo {
  readonly role: 'proxy' | 'app' | 'search';
  /** Null for an upstream this proxy was given but did not see started. */
  readonly pid: number | null;
  readonly port: number;
  /** Where it answers (`http://127.0.0.1:port`); matched against the balancer's upstreams. */
  readonly url: string;
  /** Times the supervisor restarted it after a crash. */
  readonly restarts: number;
  /** ISO time it was (last) started, when known. */
  readonly startedAt: string | null;
}

/**
 * The file in DATA_DIR where the supervisor lists its children: `{ "supervisorPid": n,
 * "updatedAt": iso, "processes": ProcessInfo[] }`, rewritten (atomically) on every start and
 * restart. src/cli/supervisor writes it; keep the two in step.
 */
export const CLUSTER_FILE = 'cluster.json';

/**
 * The process list for `/__status`: the supervisor's file when it names this process as its
 * proxy (so a stale file from an earlier run is ignored), else this proxy and its upstreams.
 */
export function clusterProcesses(options: {
  dataDir: string;
  /** This proxy's port, or a function giving it once listening. */
  port: number | (() => number);
  upstreams: readonly string[];
  pid?: number;
}): () => ProcessInfo[] {
  const file = path.join(options.dataDir, CLUSTER_FILE);
  const pid = options.pid ?? process.pid;
  const port = () => (typeof options.port === 'function' ? options.port() : options.port);
  return () => {
    const listed = readClusterFile(file);
    if (listed?.some((p) => p.role === 'proxy' && p.pid === pid)) return listed;
    return [
      {
        role: 'proxy',
        pid,
        port: port(),
        url: `http://127.0.0.1:${port()}`,
        restarts: 0,
        startedAt: null,
      },
      ...options.upstreams.map((url): ProcessInfo => {
        const parsed = new URL(url);
        return {
          role: 'app',
          pid: null,
          port: Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)),
          url,
          restarts: 0,
          startedAt: null,
        };
      }),
    ];
  };
}

function readClusterFile(file: string): ProcessInfo[] | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as { processes?: unknown };
    return Array.isArray(parsed.processes) ? (parsed.processes as ProcessInfo[]) : undefined;
  } catch {
    return undefined;
  }
}
