import os from 'node:os';

/** An IPv4 address of this machine that is not loopback: a client the proxy does not trust. */
export function externalAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal) return info.address;
    }
  }
  return undefined;
}
