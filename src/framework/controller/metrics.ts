import { register } from 'prom-client';
import type { AppResponse } from './exchange.js';

/** `/__metrics`: this process's Prometheus metrics (the default prom-client registry). */
export async function metrics(): Promise<AppResponse> {
  return {
    status: 200,
    headers: { 'content-type': register.contentType, 'cache-control': 'no-store' },
    body: await register.metrics(),
  };
}
