import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Opens and reads the disk tier's store in `folder` in a child process, so a hang or a crash
 * cannot take the proxy with it; false when that fails or takes longer than `timeoutMs`.
 */
export function opensCleanly(folder: string, timeoutMs: number): boolean {
  if (!fs.existsSync(path.join(folder, 'data.mdb'))) return true;
  const lmdb = import.meta.resolve('lmdb');
  const probe = `import { open } from ${JSON.stringify(lmdb)};
const root = open({ path: ${JSON.stringify(folder)}, cache: false, maxDbs: 8, readOnly: true });
const order = root.openDB({ name: 'order', encoding: 'msgpack' });
for (const { value } of order.getRange({ limit: 64 })) {
  if (typeof value !== 'string' && typeof value?.key !== 'string') process.exit(3);
}
await root.close();`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
    timeout: timeoutMs,
    stdio: 'ignore',
  });
  return result.status === 0;
}
