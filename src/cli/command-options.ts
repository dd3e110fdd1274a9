import { Option, type Command } from 'commander';
import { loadConfig, type Config } from '../shared/index.js';

/** Flags shared by every command; each overrides the environment variable it names. */
const COMMON: readonly (readonly [flag: string, env: string, help: string])[] = [
  ['--data-dir <dir>', 'DATA_DIR', 'where the embedded database and local caches live'],
  ['--database-url <url>', 'DATABASE_URL', 'sqlite:<file> or postgres://…'],
  ['--log-level <level>', 'LOG_LEVEL', 'fatal, error, warn, info, debug, trace or silent'],
];

export function withCommon(command: Command): Command {
  for (const [flag, env, help] of COMMON)
    command.addOption(new Option(flag, `${help} (env ${env})`));
  return command;
}

/** Reads the configuration once: the environment, overridden by this command's flags. */
export function config(flags: Record<string, unknown>): Config {
  const names: Record<string, string> = {
    port: 'PORT',
    host: 'HOST',
    dataDir: 'DATA_DIR',
    databaseUrl: 'DATABASE_URL',
    logLevel: 'LOG_LEVEL',
    searchUrl: 'SEARCH_URL',
    upstream: 'UPSTREAMS',
    adminToken: 'ADMIN_TOKEN',
    redisUrl: 'REDIS_URL',
    tlsCert: 'TLS_CERT',
    tlsKey: 'TLS_KEY',
  };
  const overrides: Record<string, string> = {};
  for (const [key, env] of Object.entries(names)) {
    const value = flags[key];
    if (typeof value === 'string') overrides[env] = value;
  }
  return loadConfig(process.env, overrides);
}
