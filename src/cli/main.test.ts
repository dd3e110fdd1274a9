import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../testing/index.js';

function yuletide(...args: string[]) {
  return spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'yuletide.js'), ...args], {
    encoding: 'utf8',
  });
}

describe('the command line', () => {
  it('lists every command in its help, those loaded on demand included', () => {
    const help = yuletide('--help');
    assert.equal(help.status, 0, help.stderr);
    const commands = ['seed', 'migrate', 'cache', 'app', 'start', 'proxy', 'search', 'reindex'];
    for (const command of [...commands, 'bench', 'status', 'purge']) {
      assert.match(help.stdout, new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it("loads a command's own module for it: reindex and purge have their options", () => {
    assert.match(yuletide('reindex', '--help').stdout, /--search-url/);
    assert.match(yuletide('purge', '--help').stdout, /--key/);
  });

  it('refuses a proxy path option that is not a path, naming it', () => {
    for (const flag of ['--csrf-path', '--health-path']) {
      const refused = yuletide('proxy', '--upstream', 'http://127.0.0.1:1', flag, 'nope');
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, new RegExp(`${flag} must start with / \\(got 'nope'\\)`));
    }
  });

  it('refuses an unknown command with a clear message', () => {
    const unknown = yuletide('reindx');
    assert.notEqual(unknown.status, 0);
    assert.match(unknown.stderr, /unknown command 'reindx'/);
  });
});
