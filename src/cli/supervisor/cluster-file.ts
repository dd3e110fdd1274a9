import fs from 'node:fs';
import path from 'node:path';
import type { SupervisedChild } from './supervised-child.js';

/**
 * The file the proxy's `/__status` reads the process list from (src/proxy/operations,
 * `CLUSTER_FILE`): `{ supervisorPid, updatedAt, processes: [{ role, pid, port, url, restarts,
 * startedAt }] }`. Written to a temporary name and renamed, so a reader never sees half of it.
 */
export const CLUSTER_FILE = 'cluster.json';

export function writeClusterFile(dataDir: string, children: readonly SupervisedChild[]): void {
  const file = path.join(dataDir, CLUSTER_FILE);
  const body = {
    supervisorPid: process.pid,
    updatedAt: new Date().toISOString(),
    processes: children.map((child) => ({
      role: child.spec.role,
      pid: child.pid,
      port: child.spec.port,
      url: child.url,
      restarts: child.restarts,
      startedAt: child.startedAt?.toISOString() ?? null,
    })),
  };
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(body, null, 2)}\n`);
  fs.renameSync(temporary, file);
}

export function removeClusterFile(dataDir: string): void {
  fs.rmSync(path.join(dataDir, CLUSTER_FILE), { force: true });
}
