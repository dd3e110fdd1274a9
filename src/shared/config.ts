import path from 'node:path';
import { ConfigError } from './errors.js';

/** Everything a process is configured with; read once in its main.ts, validated and frozen. */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly databaseUrl: string;
  readonly redisUrl: string | undefined;
  readonly appServers: number;
  readonly siteSecret: string | undefined;
  readonly adminToken: string | undefined;
  readonly logLevel: string;
  readonly throttle: { readonly enabled: boolean; readonly rate: number; readonly burst: number };
  /** Time-to-live in seconds of each part of a product (the paper's partitioned objects). */
  readonly ttl: { readonly core: number; readonly price: number; readonly inventory: number };
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
  const throttle = get('THROTTLE') ?? 'on';
  if (throttle !== 'on' && throttle !== 'off') {
    throw new ConfigError(`THROTTLE must be 'on' or 'off' (got '${throttle}')`);
  }
  return Object.freeze({
    host: get('HOST') ?? '127.0.0.1',
    port: integer('PORT', get('PORT'), 8080, 0, 65535),
    dataDir,
    databaseUrl,
    redisUrl: get('REDIS_URL'),
    appServers: integer('APP_SERVERS', get('APP_SERVERS'), 2, 1, 64),
    siteSecret: get('SITE_SECRET'),
    adminToken: get('ADMIN_TOKEN'),
    logLevel,
    throttle: Object.freeze({
      enabled: throttle === 'on',
      rate: integer('THROTTLE_RATE', get('THROTTLE_RATE'), 20, 1, 1_000_000),
      burst: integer('THROTTLE_BURST', get('THROTTLE_BURST'), 40, 1, 1_000_000),
    }),
    ttl: Object.freeze({
      core: integer('TTL_CORE', get('TTL_CORE'), 3600, 1, 86_400 * 30),
      price: integer('TTL_PRICE', get('TTL_PRICE'), 300, 1, 86_400 * 30),
      inventory: integer('TTL_INVENTORY', get('TTL_INVENTORY'), 15, 1, 86_400 * 30),
    }),
    templateReload: (get('TEMPLATE_RELOAD') ?? 'on') !== 'off',
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
