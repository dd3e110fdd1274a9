import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from './config.js';
import { ConfigError } from './errors.js';

describe('loadConfig', () => {
  it('has working defaults and is frozen', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.match(config.databaseUrl, /^sqlite:.*data\/yuletide\.db$/);
    assert.deepEqual(config.ttl, { core: 3600, price: 300, inventory: 15 });
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.ttl));
  });

  it('lets flags override the environment', () => {
    assert.equal(loadConfig({ PORT: '9000' }, { PORT: '9001' }).port, 9001);
  });

  it('refuses bad values with a message naming the option', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: 'eighty' }, /^PORT must be an integer/],
      [{ PORT: '70000' }, /^PORT/],
      [{ APP_SERVERS: '0' }, /^APP_SERVERS/],
      [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL/],
      [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL/],
      [{ THROTTLE: 'maybe' }, /^THROTTLE/],
      [{ SEARCH_URL: 'ftp://x' }, /^SEARCH_URL/],
      [{ UPSTREAMS: 'http://a:1,nonsense' }, /^UPSTREAMS/],
      [{ TLS_CERT: 'cert.pem' }, /TLS_CERT and TLS_KEY/],
    ];
    for (const [env, message] of cases) {
      assert.throws(
        () => loadConfig(env),
        (error: unknown) => error instanceof ConfigError && message.test(error.message),
      );
    }
  });
});
