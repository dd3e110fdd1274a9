import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  httpRequest,
  startOrigin,
  startProxy,
  type RunningProcess,
  type TestOrigin,
} from '../../src/testing/index.js';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

const httpsGet = (port: number, target: string, ca: Buffer) => httpRequest(port, target, { ca });

describe('proxy process: TLS', { skip: hasOpenssl ? false : 'openssl is not installed' }, () => {
  let dir: string;
  let origin: TestOrigin;
  let proxy: RunningProcess;
  let cert: Buffer;
  const seen: http.IncomingHttpHeaders[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-proxy-tls-'));
    const certFile = path.join(dir, 'cert.pem');
    const keyFile = path.join(dir, 'key.pem');
    // A self-signed certificate for localhost and 127.0.0.1, made for this test.
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(made.status, 0, made.stderr);
    cert = fs.readFileSync(certFile);
    origin = await startOrigin((req, res) => {
      if (req.url !== '/__health') seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'public, s-maxage=60' });
      res.end(`hello over ${String(req.headers['x-forwarded-proto'])}`);
    });
    proxy = await startProxy(
      origin.url,
      { DATA_DIR: dir, SITE_SECRET: 'proxy-tls-test-secret-value', THROTTLE: 'off' },
      ['--tls-cert', certFile, '--tls-key', keyFile],
    );
  });
  after(async () => {
    await proxy?.stop('SIGKILL');
    await origin?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS with HSTS and a Secure session cookie, on a miss and on a hit', async () => {
    for (const expected of [/fwd=uri-miss/, /hit/]) {
      const res = await httpsGet(proxy.port, '/page', cert);
      assert.equal(res.status, 200);
      assert.equal(res.body, 'hello over https');
      assert.match(String(res.headers['cache-status']), expected);
      assert.match(String(res.headers['strict-transport-security']), /^max-age=\d{7,}/);
      assert.match(String(res.headers['set-cookie']?.[0]), /; Secure/);
      assert.match(String(res.headers['set-cookie']?.[0]), /HttpOnly; SameSite=Lax/);
    }
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!['x-forwarded-proto'], 'https');
  });

  it('answers /__health over HTTPS', async () => {
    assert.equal((await httpsGet(proxy.port, '/__health', cert)).status, 200);
  });
});
