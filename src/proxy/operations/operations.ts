import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'undici';
import type { ProcessInfo } from './cluster-processes.js';
import type { ProxyMetrics } from './proxy-metrics.js';
import { STATUS_CSS, STATUS_HTML } from './status-page.js';
import { STATUS_SCRIPT } from './status-script.js';
import type { TrafficPoint } from './traffic-window.js';
import { TierSampler, type AppPoint, type TierPoint } from './tier-sampler.js';

/** What `/__status` answers with `Accept: application/json`. */
export interface ClusterStatus {
  readonly processes: (ProcessInfo & { readonly healthy: boolean })[];
  readonly upstreams: { readonly url: string; readonly healthy: boolean }[];
  readonly traffic: {
    /** The last complete second. */
    readonly requestsPerSecond: number;
    readonly hitRatio: number | null;
    readonly p99Ms: number | null;
    /** The last minute, oldest first. */
    readonly history: TrafficPoint[];
  };
  /** The app tier, from the app servers' own metrics: the last minute and each server's last second. */
  readonly tiers: { readonly history: TierPoint[]; readonly apps: AppPoint[] };
  readonly generatedAt: string;
}

/**
 * The pages under `/__status` and `/__metrics`. Authorisation (loopback or the admin token) is
 * the caller's: operations-endpoint.ts checks it, then calls `handle`.
 */
const PATHS = new Set(['/__status', '/__status.js', '/__status.css', '/__metrics']);

/** The dashboard may load only its own script and style, and fetch only from this proxy. */
const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Answers the proxy's operations pages from the balancer, the metrics and the process list.
 *
 * Wiring (proxy-server.ts): `const metrics = new ProxyMetrics()`; pass
 * `onAttempt: metrics.observeUpstream` to StickyBalancer; call `metrics.observeRequest(outcome,
 * status, seconds)` once per response; then `const ops = new Operations({ balancer, metrics,
 * processes: clusterProcesses({ dataDir, port, upstreams }) })`, and for an authorised request
 * `if (ops.handle(req, res)) return;` — it returns false for any other path.
 */
export class Operations {
  readonly #balancer: { status(): { url: string; healthy: boolean }[] };
  readonly #metrics: ProxyMetrics;
  readonly #processes: () => ProcessInfo[];
  readonly #probeTimeoutMs: number;
  readonly #pid: number;
  readonly #tiers: TierSampler;

  constructor(options: {
    balancer: { status(): { url: string; healthy: boolean }[] };
    metrics: ProxyMetrics;
    processes: () => ProcessInfo[];
    /** How long a process not behind the balancer (search) may take to answer /__health. */
    probeTimeoutMs?: number;
  }) {
    this.#balancer = options.balancer;
    this.#metrics = options.metrics;
    this.#processes = options.processes;
    this.#probeTimeoutMs = options.probeTimeoutMs ?? 500;
    this.#pid = process.pid;
    this.#tiers = new TierSampler(options.processes);
    options.metrics.watchUpstreams(() => options.balancer.status());
  }

  /** True when `req` was one of the operations paths (and is being answered), else false. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const pathname = query === -1 ? url : url.slice(0, query);
    if (!PATHS.has(pathname)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, req, 405, 'text/plain; charset=utf-8', 'Method Not Allowed\n', {
        allow: 'GET, HEAD',
      });
      return true;
    }
    void this.#answer(req, res, pathname, query === -1 ? '' : url.slice(query + 1)).catch(
      (error: unknown) => {
        if (!res.headersSent) send(res, req, 500, 'text/plain; charset=utf-8', 'status failed\n');
        else res.destroy(error instanceof Error ? error : undefined);
      },
    );
    return true;
  }

  /** The cluster as `/__status` reports it in JSON. */
  async status(): Promise<ClusterStatus> {
    const upstreams = this.#balancer.status();
    const byUrl = new Map(upstreams.map((u) => [u.url, u.healthy]));
    const processes = await Promise.all(
      this.#processes().map(async (info) => {
        let healthy: boolean;
        if (info.role === 'proxy' && info.pid === this.#pid) healthy = true;
        else if (byUrl.has(info.url)) healthy = byUrl.get(info.url)!;
        else healthy = await this.#probe(info.url);
        return { ...info, healthy };
      }),
    );
    const history = this.#metrics.points();
    const last = history.at(-1);
    return {
      processes,
      upstreams,
      traffic: {
        requestsPerSecond: last?.requests ?? 0,
        hitRatio: last?.hitRatio ?? null,
        p99Ms: last?.p99Ms ?? null,
        history,
      },
      tiers: this.#tiers.read(),
      generatedAt: new Date().toISOString(),
    };
  }

  async #answer(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    query: string,
  ): Promise<void> {
    switch (pathname) {
      case '/__metrics': {
        const { contentType, body } = await this.#metrics.exposition();
        send(res, req, 200, contentType, body);
        return;
      }
      case '/__status.js':
        send(res, req, 200, 'text/javascript; charset=utf-8', STATUS_SCRIPT);
        return;
      case '/__status.css':
        send(res, req, 200, 'text/css; charset=utf-8', STATUS_CSS);
        return;
      default: {
        const accept = String(req.headers.accept ?? '');
        const json =
          new URLSearchParams(query).get('format') === 'json' ||
          /\bapplication\/json\b/.test(accept);
        if (json) {
          send(res, req, 200, 'application/json', `${JSON.stringify(await this.status())}\n`, {
            vary: 'Accept',
          });
        } else {
          send(res, req, 200, 'text/html; charset=utf-8', STATUS_HTML, {
            vary: 'Accept',
            'content-security-policy': DASHBOARD_CSP,
          });
        }
      }
    }
  }

  async #probe(url: string): Promise<boolean> {
    try {
      const response = await request(`${url}/__health`, {
        signal: AbortSignal.timeout(this.#probeTimeoutMs),
      });
      await response.body.dump();
      return response.statusCode >= 200 && response.statusCode < 300;
    } catch {
      return false;
    }
  }
}

function send(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': bytes.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
