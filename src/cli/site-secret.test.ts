import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../shared/index.js';
import { siteSecret, SITE_SECRET_FILE } from './site-secret.js';

describe('siteSecret', () => {
  it('generates a secret once, keeps it with mode 0600, and gives the same one after', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-secret-'));
    try {
      const config = loadConfig({ DATA_DIR: path.join(dir, 'data') });
      const first = siteSecret(config);
      assert.ok(first.length >= 32);
      assert.equal(siteSecret(config), first);
      const stat = fs.statSync(path.join(dir, 'data', SITE_SECRET_FILE));
      assert.equal(stat.mode & 0o777, 0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prefers SITE_SECRET, and refuses a short one by name', () => {
    const config = loadConfig({ DATA_DIR: '/nonexistent', SITE_SECRET: 'x'.repeat(20) });
    assert.equal(siteSecret(config), 'x'.repeat(20));
    assert.throws(() => siteSecret(loadConfig({ SITE_SECRET: 'short' })), /SITE_SECRET/);
  });
});
