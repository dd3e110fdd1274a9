import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BusyError, NotFoundError } from '../../shared/index.js';
import { captureLogs } from '../../testing/index.js';
import { Views } from '../view/views.js';
import { Application } from './application.js';

function views(): Views {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'yuletide-app-'));
  fs.mkdirSync(path.join(root, 'default', 'errors'), { recursive: true });
  fs.writeFileSync(path.join(root, 'default', 'hello.eta'), 'Hello <%= it.name %>');
  fs.writeFileSync(
    path.join(root, 'default', 'errors', 'not-found.eta'),
    'Not found: <%= it.message %>',
  );
  fs.writeFileSync(
    path.join(root, 'default', 'errors', 'client-error.eta'),
    'Bad: <%= it.message %>',
  );
  fs.writeFileSync(
    path.join(root, 'default', 'errors', 'server-error.eta'),
    'Sorry. Reference <%= it.requestId %>',
  );
  return new Views({ root, reload: false });
}

describe('Application', () => {
  const { log, lines } = captureLogs();
  const app = new Application({ views: views(), log, services: {}, defaultMaxAge: 60 })
    .get('/hello/:name', (c) => {
      c.freshness.use(30, Date.UTC(2026, 0, 1), 'p1');
      c.freshness.use(90, Date.UTC(2026, 5, 1), 'c2');
      return c.render('hello', { name: c.params['name'] }, 'public');
    })
    .get('/private', (c) => c.render('hello', { name: 'you' }, 'private'))
    .get('/missing', () => {
      throw new NotFoundError('No such thing.');
    })
    .get('/busy', () => {
      throw new BusyError('Try again in a minute.');
    })
    .get('/boom', () => {
      throw new Error('database exploded: secret detail');
    });

  it('renders a public page cacheable for the shortest time-to-live of its data', async () => {
    const res = await app.inject({ url: '/hello/%3Cb%3E' });
    assert.equal(res.status, 200);
    assert.equal(res.body, 'Hello &lt;b&gt;');
    assert.equal(res.headers['cache-control'], 'public, s-maxage=30');
    assert.equal(res.headers['last-modified'], new Date(Date.UTC(2026, 5, 1)).toUTCString());
    assert.equal(res.headers['surrogate-key'], 'p1 c2');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  it('marks user pages private, no-store', async () => {
    const res = await app.inject({ url: '/private' });
    assert.equal(res.headers['cache-control'], 'private, no-store');
  });

  it('turns a typed error into its status and a friendly page', async () => {
    const res = await app.inject({ url: '/missing' });
    assert.equal(res.status, 404);
    assert.equal(res.body, 'Not found: No such thing.');
    const unknown = await app.inject({ url: '/nowhere' });
    assert.equal(unknown.status, 404);
    const busy = await app.inject({ url: '/busy' });
    assert.equal(busy.status, 503);
    assert.equal(busy.body, 'Bad: Try again in a minute.');
    assert.equal(busy.headers['cache-control'], 'private, no-store');
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    const res = await app.inject({ method: 'POST', url: '/private' });
    assert.equal(res.status, 405);
    assert.equal(res.headers['allow'], 'GET, HEAD');
  });

  it('logs an unexpected error with its stack and shows the user only the request id', async () => {
    const res = await app.inject({ url: '/boom' });
    assert.equal(res.status, 500);
    assert.equal(res.body, 'Sorry. Reference test-request');
    assert.doesNotMatch(res.body, /secret/);
    const logged = lines().find((line) => line['msg'] === 'request failed');
    assert.ok(logged, 'the error was logged');
    assert.equal(logged['reqId'], 'test-request');
    assert.match(
      String((logged['err'] as { stack: string }).stack),
      /database exploded[\s\S]*application\.test/,
    );
  });
});
