import CachePolicy from 'http-cache-semantics';
import { StoredPage } from '../proxy/index.js';

/** A cacheable page of about `size` bytes, tagged with the surrogate keys in `tags`. */
export function testPage(
  key: string,
  size = 1000,
  tags = 'p1',
  body = 'x',
  cacheControl = 'public, s-maxage=60',
): StoredPage {
  const headers = {
    'content-type': 'text/html',
    'cache-control': cacheControl,
    'surrogate-key': tags,
  };
  const policy = new CachePolicy(
    { url: key, method: 'GET', headers: {} },
    { status: 200, headers },
  );
  return StoredPage.fromResponse(
    key,
    { status: 200, headers, body: Buffer.from(body.repeat(size)) },
    policy,
    [],
  );
}
