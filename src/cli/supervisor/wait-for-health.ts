import { Agent, request } from 'undici';

/** Resolves once `url` answers 2xx, polling every 100 ms; rejects after `timeoutMs`. */
export async function waitForHealth(
  url: string,
  timeoutMs: number,
  options: { insecure?: boolean } = {},
): Promise<void> {
  // A self-signed certificate on loopback is still our own proxy.
  const dispatcher = new Agent({ connect: { rejectUnauthorized: !options.insecure } });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        const response = await request(url, { dispatcher, signal: AbortSignal.timeout(1000) });
        await response.body.dump();
        if (response.statusCode >= 200 && response.statusCode < 300) return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await dispatcher.close();
  }
}
