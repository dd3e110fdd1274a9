import type { Logger } from '../shared/index.js';
import type { ProxyTimeouts } from './http-guard/index.js';
import type { OperationsPages } from './operations/index.js';
import type { Headers, OriginResponse, PageCache } from './page-cache/index.js';
import type { StaticFiles } from './static-files/index.js';

/** The app tier as the proxy uses it; StickyBalancer is the implementation. */
export interface UpstreamPool {
  forward(
    request: { method: string; path: string; headers: Headers; body?: Buffer },
    sessionKey: string,
  ): Promise<OriginResponse>;
  readonly healthyCount: number;
}

/** Session cookies as the proxy uses them; SessionMinter (or SessionCookies) is the implementation. */
export interface SessionIssuer {
  read(cookieHeader: string | undefined): string | undefined;
  issue(): { id: string; setCookie: string };
  readonly cookieName: string;
}

/** The throttle as the proxy uses it; Throttle is the implementation. */
export interface RequestThrottle {
  take(key: string): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

/** What a response was, for metrics (the labels of ProxyMetrics). */
export type ResponseKind =
  'hit' | 'stale' | 'miss' | 'bypass' | 'static' | 'throttled' | 'operations' | 'error';

/** What a ProxyServer is built from: its seams to the other tiers and its settings. */
export interface ProxyServerOptions {
  readonly log: Logger;
  readonly upstream: UpstreamPool;
  readonly cache: PageCache;
  readonly sessions: SessionIssuer;
  /** Absent: no throttling (THROTTLE=off). */
  readonly throttle?: RequestThrottle;
  /** Absent: /static/ goes to the origin like any path (any-origin mode). */
  readonly staticFiles?: StaticFiles;
  readonly adminToken?: string;
  /** PEM certificate and key: serve HTTPS and send HSTS. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  readonly timeouts?: Partial<ProxyTimeouts>;
  /** Answers /__status and /__metrics. */
  readonly operations?: OperationsPages;
  readonly metrics?: { observeRequest(kind: ResponseKind, status: number, seconds: number): void };
  /** Largest request body forwarded. Default 8 MiB. */
  readonly maxBodyBytes?: number;
  /**
   * Answer `GET path` here with the session's CSRF token and its cookie (the store's
   * `/csrf-token`, which cached pages' forms ask for), instead of a trip to the app tier.
   * Absent: that path goes to the origin like any other (any-origin mode).
   */
  readonly csrf?: { readonly path: string; token(sessionId: string): string };
}
