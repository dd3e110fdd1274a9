import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forwardedHeaders } from './forwarded-headers.js';

describe('forwardedHeaders', () => {
  it('drops what the client claims about itself and says who the client is', () => {
    const headers = forwardedHeaders(
      {
        host: 'shop.test',
        cookie: 'a=1',
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-host': 'evil.test',
        'x-forwarded-proto': 'https',
        forwarded: 'for=6.6.6.6',
        'x-real-ip': '6.6.6.6',
        'x-request-id': 'forged',
        'user-agent': 'test',
      },
      { clientAddress: '::ffff:10.1.2.3', proto: 'http', host: 'shop.test', requestId: 'r-1' },
    );
    assert.deepEqual(headers, {
      cookie: 'a=1',
      'user-agent': 'test',
      'x-forwarded-for': '10.1.2.3',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'shop.test',
      forwarded: 'for=10.1.2.3;proto=http;host="shop.test"',
      'x-request-id': 'r-1',
      via: '1.1 yuletide',
    });
  });

  it('quotes IPv6 addresses in Forwarded and appends to Via', () => {
    const headers = forwardedHeaders(
      { via: '1.0 corporate-proxy' },
      { clientAddress: '::1', proto: 'https', host: undefined, requestId: 'r-2' },
    );
    assert.equal(headers['forwarded'], 'for="[::1]";proto=https');
    assert.equal(headers['x-forwarded-host'], undefined);
    assert.equal(headers['via'], '1.0 corporate-proxy, 1.1 yuletide');
  });
});
