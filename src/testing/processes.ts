import fs from 'node:fs';
import net from 'node:net';

/** A loopback port free right now (bound and released): for a PORT a command must be given. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * True while a process with this pid runs. An exited process nobody has reaped yet (a zombie:
 * an orphan whose new parent does not wait for it, as in some containers) counts as gone.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // Linux: the state is the field after the parenthesised command name.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // Gone since, on Linux; elsewhere there is no /proc to ask, and kill() said it runs.
    return !fs.existsSync('/proc/self');
  }
}
