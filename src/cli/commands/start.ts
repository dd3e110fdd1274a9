import fs from 'node:fs';
import path from 'node:path';
import { createLogger, type Config } from '../../shared/index.js';
import { isEmpty, migrate, openDatabase } from '../../db/index.js';
import { siteSecret } from '../site-secret.js';
import { Supervisor, freePort, type ChildSpec } from '../supervisor/index.js';
import { stopOn } from './app.js';
import { seedWithProgress } from './seed.js';

/** The seed used by `npm start`, so every fresh store shows the same catalog. */
const START_SEED = 2000;

/** Whether `yuletide <name>` exists in this build (the search daemon lands separately). */
function hasCommand(name: string): boolean {
  return fs.existsSync(new URL(`./${name}.js`, import.meta.url));
}

/**
 * `npm start`: creates and seeds the database when empty, then supervises the cluster: the
 * search daemon, APP_SERVERS app servers on free loopback ports and one proxy on PORT.
 */
export async function runStart(
  config: Config,
  root: string,
  options: { products: string },
): Promise<void> {
  const database = openDatabase(config.databaseUrl);
  try {
    await migrate(database);
    if (await isEmpty(database)) {
      console.log(
        `seeding an empty database (${database.location}) with ${options.products} products…`,
      );
      await seedWithProgress(database, Number(options.products), START_SEED);
    }
  } finally {
    await database.close();
  }

  const log = createLogger({ level: config.logLevel, role: 'supervisor' });
  const bin = path.join(root, 'bin', 'yuletide.js');
  const port = config.port === 0 ? await freePort(config.host) : config.port;
  // Settings the children must share, whether they came from the environment or from flags.
  const env = {
    ...process.env,
    DATA_DIR: config.dataDir,
    DATABASE_URL: config.databaseUrl,
    LOG_LEVEL: config.logLevel,
    SITE_SECRET: siteSecret(config),
    ...(config.adminToken ? { ADMIN_TOKEN: config.adminToken } : {}),
    ...(config.redisUrl ? { REDIS_URL: config.redisUrl } : {}),
  };
  const children: ChildSpec[] = [];
  let searchUrl = config.searchUrl;
  if (hasCommand('search') && searchUrl === undefined) {
    const searchPort = await freePort();
    searchUrl = `http://127.0.0.1:${searchPort}`;
    children.push(child('search', searchPort, bin, env));
  }
  const appEnv = { ...env, ...(searchUrl ? { SEARCH_URL: searchUrl } : {}) };
  const appPorts = await distinctFreePorts(config.appServers);
  for (const appPort of appPorts) children.push(child('app', appPort, bin, appEnv));
  const upstreams = appPorts.map((p) => `http://127.0.0.1:${p}`).join(',');
  children.push({
    role: 'proxy',
    port,
    // The store's /csrf-token is answered by the proxy: the token is a MAC of the session id.
    args: [
      ...[bin, 'proxy', '--port', String(port), '--host', config.host],
      ...['--upstream', upstreams, '--csrf-path', '/csrf-token'],
    ],
    env,
  });

  const supervisor = new Supervisor({ log, dataDir: config.dataDir, children });
  stopOn(['SIGTERM', 'SIGINT'], () => supervisor.stop());
  const tls = config.tlsCert !== undefined;
  await supervisor.start({ insecure: tls });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  log.info({ port, children: children.length }, 'cluster ready');
  console.log(`Yuletide is ready at ${tls ? 'https' : 'http'}://${shown}:${port}/`);
}

function child(
  role: 'app' | 'search',
  port: number,
  bin: string,
  env: Record<string, string | undefined>,
): ChildSpec {
  // Loopback only: the proxy is the one door to the outside. (`yuletide search` takes no --host.)
  const host = role === 'app' ? ['--host', '127.0.0.1'] : [];
  return { role, port, args: [bin, role, '--port', String(port), ...host], env };
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
