import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../shared/index.js';

/** Where a generated secret is kept, so sessions survive restarts. */
export const SITE_SECRET_FILE = 'site-secret';

/** Shorter secrets make the session MAC guessable offline. */
const MIN_LENGTH = 16;

/**
 * The secret that session MACs are made under: `SITE_SECRET` when set, else the one kept in
 * `DATA_DIR/site-secret` (mode 0600), generated there on first use. Used by the supervisor,
 * which hands it to every child, and by `yuletide proxy` when run alone.
 */
export function siteSecret(config: Config): string {
  if (config.siteSecret !== undefined) {
    if (config.siteSecret.length < MIN_LENGTH) {
      throw new ConfigError(`SITE_SECRET must be at least ${MIN_LENGTH} characters`);
    }
    return config.siteSecret;
  }
  const file = path.join(config.dataDir, SITE_SECRET_FILE);
  const kept = readSecret(file);
  if (kept !== undefined) return kept;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // `wx`: when two processes race to create it, one wins and the other reads the winner's.
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new ConfigError(`cannot keep the site secret in ${file}`, { cause: error });
    }
    const winner = readSecret(file);
    if (winner === undefined) throw new ConfigError(`${file} holds no usable site secret`);
    return winner;
  }
}

function readSecret(file: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read the site secret in ${file}`, { cause: error });
  }
  const secret = text.trim();
  if (secret.length < MIN_LENGTH) {
    // A half-written file from a crash mid-create: too short to trust, so say so.
    throw new ConfigError(`${file} holds no usable site secret; delete it to generate a new one`);
  }
  return secret;
}
