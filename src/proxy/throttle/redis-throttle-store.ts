import { Redis } from 'ioredis';
import type { Logger } from '../../shared/index.js';
import { type ThrottleDecision, type ThrottleStore } from './throttle-store.js';

/**
 * The token bucket as one atomic script, so several proxies share each client's bucket without
 * races. Time comes from the Redis server (`TIME`), so the proxies' clocks need not agree.
 * Returns {allowed (0/1), retry-after seconds}. The key expires once the bucket would be full.
 */
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 't', 'n')
local tokens = burst
if state[1] and state[2] then
  tokens = math.min(burst, tonumber(state[2]) + math.max(0, now - tonumber(state[1])) * rate / 1000)
end
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.max(1, math.ceil((1 - tokens) / rate))
end
redis.call('HSET', KEYS[1], 't', now, 'n', string.format('%.6f', tokens))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return {allowed, retry}
`;

/** Warnings about an unreachable Redis are logged at most this often. */
const WARN_EVERY_MS = 10_000;

type ThrottleRedis = Redis & {
  yuletideThrottleTake(key: string, rate: number, burst: number): Promise<[number, number]>;
};

/**
 * Token buckets in Redis (`REDIS_URL`), shared by every proxy. When Redis cannot answer within
 * `commandTimeoutMs` the request is allowed and a warning logged: a throttle outage must not
 * become a site outage (docs/decisions.md).
 */
export class RedisThrottleStore implements ThrottleStore {
  readonly #redis: ThrottleRedis;
  readonly #log: Logger;
  readonly #prefix: string;
  #lastWarning = -Infinity;

  constructor(options: {
    url: string;
    log: Logger;
    keyPrefix?: string;
    commandTimeoutMs?: number;
  }) {
    this.#log = options.log;
    this.#prefix = options.keyPrefix ?? 'yuletide:throttle:';
    const redis = new Redis(options.url, {
      // Fail fast rather than queue while disconnected: a queued take would hold the request.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 250,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    redis.on('error', (error: unknown) => this.#warn(error, 'redis connection error'));
    redis.defineCommand('yuletideThrottleTake', { numberOfKeys: 1, lua: TAKE });
    this.#redis = redis as ThrottleRedis;
  }

  /** Resolves once connected, or rejects after `timeoutMs`; takes before then fail open. */
  async ready(timeoutMs = 2000): Promise<void> {
    if (this.#redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#redis.off('ready', onReady);
        reject(new Error(`Redis not ready within ${timeoutMs} ms`));
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#redis.once('ready', onReady);
    });
  }

  async take(key: string, rate: number, burst: number): Promise<ThrottleDecision> {
    try {
      const [allowed, retry] = await this.#redis.yuletideThrottleTake(
        this.#prefix + key,
        rate,
        burst,
      );
      return { allowed: allowed === 1, retryAfterSeconds: retry };
    } catch (error) {
      this.#warn(error, 'throttle store unavailable: allowing the request');
      return { allowed: true, retryAfterSeconds: 0 };
    }
  }

  async close(): Promise<void> {
    this.#redis.disconnect();
  }

  #warn(error: unknown, message: string): void {
    const now = performance.now();
    if (now - this.#lastWarning < WARN_EVERY_MS) return;
    this.#lastWarning = now;
    this.#log.warn({ err: error }, message);
  }
}
