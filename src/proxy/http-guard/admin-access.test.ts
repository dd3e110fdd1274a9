import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { AdminAccess, isLoopback } from './admin-access.js';

function from(remoteAddress: string, authorization?: string): IncomingMessage {
  return { socket: { remoteAddress }, headers: { authorization } } as unknown as IncomingMessage;
}

describe('AdminAccess', () => {
  it('allows loopback clients', () => {
    const access = new AdminAccess(undefined);
    for (const address of ['127.0.0.1', '127.8.0.1', '::1', '::ffff:127.0.0.1']) {
      assert.equal(access.allows(from(address)), true, address);
    }
  });

  it('allows other clients only with the admin token', () => {
    const access = new AdminAccess('s3cret-token');
    assert.equal(access.allows(from('192.0.2.9')), false);
    assert.equal(access.allows(from('192.0.2.9', 'Bearer wrong')), false);
    assert.equal(access.allows(from('192.0.2.9', 's3cret-token')), false);
    assert.equal(access.allows(from('192.0.2.9', 'Bearer s3cret-token')), true);
    assert.equal(new AdminAccess(undefined).allows(from('192.0.2.9', 'Bearer ')), false);
  });

  it('knows loopback addresses', () => {
    assert.equal(isLoopback('10.0.0.1'), false);
    assert.equal(isLoopback('::ffff:10.0.0.1'), false);
    assert.equal(isLoopback(undefined), false);
  });
});
