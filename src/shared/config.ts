import path from 'node:path';
import { ConfigError } from './errors.js';

/** Everything a process is configured with; read once in its main.ts, validated and frozen. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl: string;
  readonly redisUrl: string | undefined;
  /** The search daemon the app servers ask (`http://host:port`); unset: search from the database. */
  readonly searchUrl: string | undefined;
  /** Origins the proxy fronts (`--upstream URL[,URL…]`); unset: the app servers it was given. */
  readonly upstreams: readonly string[];
  /** PEM files for HTTPS on the proxy; both or neither. */
  readonly tlsCert: string | undefined;
  readonly tlsKey: string | undefined;
  readonly appServers: number;
  readonly siteSecret: string | undefined;
  readonly adminToken: string | undefined;
  readonly logLevel: string;
  readonly throttle: { readonly enabled: boolean; readonly rate: number; readonly burst: number };
  /** Time-to-live in seconds of each part of a product (the paper's partitioned objects). */
  readonly ttl: { readonly core: number; readonly price: number; readonly inventory: number };
  /** The object cache: entries kept in each process's memory and in the host's LMDB; off for comparisons. */
  readonly objectCache: {
    readonly enabled: boolean;
    readonly memoryEntries: number;
    readonly lmdbEntries: number;
  };
  /** Re-read templates changed on disk (checked at most once a second per template). */
  readonly templateReload: boolean;
}

/** Options as named in the environment; command-line flags arrive under the same names. */
export type ConfigSource = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Builds the configuration from environment variables, with `flags` taking precedence. */
export function loadConfig(env: ConfigSource, flags: ConfigSource = {}): Config {
  const get = (name: string): string | undefined => {
    const value = flags[name] ?? env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const dataDir = path.resolve(get('DATA_DIR') ?? './data');
  const logLevel = get('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got '${logLevel}')`);
  }
  const databaseUrl = get('DATABASE_URL') ?? `sqlite:${path.join(dataDir, 'yuletide.db')}`;
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(
      `DATABASE_URL must start with sqlite: or postgres:// (got '${databaseUrl}')`,
    );
  }
  if ((get('TLS_CERT') === undefined) !== (get('TLS_KEY') === undefined)) {
    throw new ConfigError('TLS_CERT and TLS_KEY (--tls-cert, --tls-key) must be given together');
  }
  return Object.freeze({
    host: get('HOST') ?? '127.0.0.1',
    port: integer('PORT', get('PORT'), 8080, 0, 65535),
    dataDir,
    databaseUrl,
    redisUrl: get('REDIS_URL'),
    searchUrl: httpUrl('SEARCH_URL', get('SEARCH_URL')),
    upstreams: Object.freeze(
      (get('UPSTREAMS') ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean)
        .map((u) => httpUrl('UPSTREAMS', u)!),
    ),
    tlsCert: get('TLS_CERT'),
    tlsKey: get('TLS_KEY'),
    appServers: integer('APP_SERVERS', get('APP_SERVERS'), 2, 1, 64),
    siteSecret: get('SITE_SECRET'),
    adminToken: get('ADMIN_TOKEN'),
    logLevel,
    throttle: Object.freeze({
      enabled: onOff('THROTTLE', get('THROTTLE')),
      rate: integer('THROTTLE_RATE', get('THROTTLE_RATE'), 20, 1, 1_000_000),
      burst: integer('THROTTLE_BURST', get('THROTTLE_BURST'), 40, 1, 1_000_000),
    }),
    ttl: Object.freeze({
      core: integer('TTL_CORE', get('TTL_CORE'), 3600, 1, 86_400 * 30),
      price: integer('TTL_PRICE', get('TTL_PRICE'), 300, 1, 86_400 * 30),
      inventory: integer('TTL_INVENTORY', get('TTL_INVENTORY'), 15, 1, 86_400 * 30),
    }),
    objectCache: Object.freeze({
      enabled: onOff('OBJECT_CACHE', get('OBJECT_CACHE')),
      memoryEntries: integer(
        'OBJECT_CACHE_MEMORY_ENTRIES',
        get('OBJECT_CACHE_MEMORY_ENTRIES'),
        200_000,
        0,
        100_000_000,
      ),
      lmdbEntries: integer(
        'OBJECT_CACHE_LMDB_ENTRIES',
        get('OBJECT_CACHE_LMDB_ENTRIES'),
        5_000_000,
        0,
        1_000_000_000,
      ),
    }),
    templateReload: onOff('TEMPLATE_RELOAD', get('TEMPLATE_RELOAD')),
  });
}

function integer(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max} (got '${raw}')`);
  }
  return value;
}

function onOff(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === 'on') return true;
  if (raw === 'off') return false;
  throw new ConfigError(`${name} must be 'on' or 'off' (got '${raw}')`);
}

function httpUrl(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http:// or https:// URL (got '${raw}')`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http:// or https:// URL (got '${raw}')`);
  }
  return raw.replace(/\/+$/, '');
}
