import type { Command } from 'commander';
import { request } from 'undici';
import { config } from '../command-options.js';

/** What this command reads of `/__status` JSON (src/proxy/operations/operations.ts). */
interface StatusJson {
  processes: {
    role: string;
    pid: number | null;
    port: number;
    healthy: boolean;
    restarts: number;
    startedAt: string | null;
  }[];
  traffic: { requestsPerSecond: number; hitRatio: number | null; p99Ms: number | null };
  tiers?: {
    history: {
      appRequests: number | null;
      appP99Ms: number | null;
      objectCacheHitRatio: number | null;
      searchRequests: number | null;
      searchP99Ms: number | null;
      dbBusy: number | null;
      dbWaiting: number | null;
      dbMax: number | null;
    }[];
    apps: {
      port: number;
      requests: number | null;
      p99Ms: number | null;
      objectCacheHitRatio: number | null;
      dbBusy: number | null;
      dbMax: number | null;
    }[];
  };
  generatedAt: string;
}

/** `yuletide status` and `yuletide purge`: the proxy's operations pages from a terminal. */
export function registerOperations(program: Command): void {
  program
    .command('status')
    .description("print the running store's processes and live figures (the proxy's /__status)")
    .option('--url <url>', 'the proxy (default http://HOST:PORT)')
    .option('--admin-token <token>', 'for a proxy off loopback (env ADMIN_TOKEN)')
    .option('--watch', 'print again every second until interrupted')
    .action(async (flags: { url?: string; adminToken?: string; watch?: boolean }) => {
      const { url, headers } = target(flags);
      do {
        const response = await request(new URL('/__status', url), {
          headers: { ...headers, accept: 'application/json' },
        });
        if (response.statusCode !== 200) {
          await response.body.dump();
          throw new Error(`${url}/__status answered ${response.statusCode}`);
        }
        const status = (await response.body.json()) as StatusJson;
        if (flags.watch) process.stdout.write('\x1b[2J\x1b[H');
        console.log(formatStatus(status));
        if (flags.watch) await new Promise((resolve) => setTimeout(resolve, 1000));
      } while (flags.watch);
    });

  program
    .command('purge')
    .description(
      'drop pages from the proxy’s page cache: one path, or every page of surrogate keys',
    )
    .argument('[path]', 'a path such as /p/123 (a full URL names the proxy too)')
    .option(
      '--key <keys...>',
      'surrogate keys instead of a path (p123 for a product, c45 for a category)',
    )
    .option('--url <url>', 'the proxy (default http://HOST:PORT)')
    .option('--admin-token <token>', 'for a proxy off loopback (env ADMIN_TOKEN)')
    .action(
      async (
        path: string | undefined,
        flags: { key?: string[]; url?: string; adminToken?: string },
      ) => {
        if (path === undefined && !flags.key) throw new Error('give a path to purge, or --key');
        const full = path !== undefined && /^https?:\/\//.test(path);
        const { url, headers } = target(full ? { ...flags, url: new URL(path).origin } : flags);
        const where = full ? new URL(path) : new URL(path ?? '/', url);
        const response = await request(where, {
          method: 'PURGE',
          headers: flags.key ? { ...headers, 'surrogate-key': flags.key.join(' ') } : headers,
        });
        const text = (await response.body.text()).trim();
        console.log(
          `PURGE ${where.pathname}${flags.key ? ` (keys ${flags.key.join(' ')})` : ''}: ${response.statusCode} ${text}`,
        );
        if (response.statusCode >= 400) process.exitCode = 1;
      },
    );
}

function target(flags: { url?: string; adminToken?: string }) {
  const settings = config({ adminToken: flags.adminToken });
  const url = flags.url ?? `http://${settings.host}:${settings.port}`;
  const token = settings.adminToken;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return { url, headers };
}

/** The status as a few aligned lines for a terminal. */
export function formatStatus(status: StatusJson): string {
  const percent = (ratio: number | null) => (ratio === null ? '–' : `${(ratio * 100).toFixed(1)}%`);
  const ms = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} ms`);
  const lines = [
    `Yuletide at ${status.generatedAt}`,
    `proxy: ${status.traffic.requestsPerSecond} requests/s, page-cache hits ${percent(status.traffic.hitRatio)}, p99 ${ms(status.traffic.p99Ms)}`,
    '',
    'role    pid      port   health     restarts',
    ...status.processes.map(
      (p) =>
        `${p.role.padEnd(7)} ${String(p.pid ?? '–').padEnd(8)} ${String(p.port).padEnd(6)} ${(p.healthy ? 'healthy' : 'DOWN').padEnd(10)} ${p.restarts}`,
    ),
  ];
  const tier = status.tiers?.history.at(-1);
  if (tier) {
    const count = (value: number | null) => (value === null ? '–' : String(Math.round(value)));
    lines.push(
      '',
      `app tier: ${count(tier.appRequests)} requests/s, p99 ${ms(tier.appP99Ms)}, object-cache hits ${percent(tier.objectCacheHitRatio)}`,
      `search: ${count(tier.searchRequests)} requests/s from the app servers, p99 ${ms(tier.searchP99Ms)}`,
      `database connections: ${count(tier.dbBusy)} in use of ${count(tier.dbMax)}, ${count(tier.dbWaiting)} waiting`,
      '',
      'app server  requests/s  p99        object-cache hits  db in use',
      ...status.tiers!.apps.map(
        (app) =>
          `:${String(app.port).padEnd(10)} ${count(app.requests).padEnd(11)} ${ms(app.p99Ms).padEnd(10)} ${percent(app.objectCacheHitRatio).padEnd(18)} ${count(app.dbBusy)}/${count(app.dbMax)}`,
      ),
    );
  } else {
    lines.push('', 'app tier: sampling started; ask again in a second (or use --watch)');
  }
  return lines.join('\n');
}
