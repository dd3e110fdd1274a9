import type { Pool } from 'undici';

/**
 * The `name=value` pair of the first Set-Cookie (a string or node's list), as a browser sends
 * it back in `Cookie`; undefined when there is none.
 */
export function cookiePair(setCookie: string | string[] | undefined): string | undefined {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return first === undefined ? undefined : first.split(';')[0]!.trim();
}

/** `count` session cookies (`yt_sid=…` pairs) issued by the proxy behind `pool` with a GET of `path`. */
export async function issueSessions(pool: Pool, count: number, path = '/'): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await pool.request({ method: 'GET', path });
    await response.body.dump();
    const pair = cookiePair(response.headers['set-cookie']);
    if (pair === undefined) throw new Error(`GET ${path} issued no session cookie`);
    cookies.push(pair);
  }
  return cookies;
}
