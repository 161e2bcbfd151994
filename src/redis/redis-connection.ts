import { Redis, RedisOptions } from 'ioredis';
import { redactUrl } from '../config/env';
import { StartupError } from '../common/errors/startup.error';
import { withTimeout } from '../common/timeout';

export const REDIS_CONNECT_TIMEOUT_MS = 3_000;

/** Back off up to 2 s between reconnection attempts, forever: Redis outages end. */
export function reconnectDelay(attempt: number): number {
  return Math.min(attempt * 200, 2_000);
}

/**
 * Options for every connection we open (ours and BullMQ's). Commands fail fast while Redis is
 * down instead of piling up in an offline queue, and reconnection is retried forever with backoff.
 */
export function redisOptions(): RedisOptions {
  return {
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: reconnectDelay,
  };
}

/** Opens a connection and proves it works with a PING, or throws a one-line `StartupError`. */
export async function connectRedis(url: string, options: RedisOptions = redisOptions()): Promise<Redis> {
  const client = new Redis(url, { ...options, lazyConnect: true });
  // Errors after start-up are reported by health checks and the callers; keep them out of stderr.
  client.on('error', () => undefined);
  try {
    await withTimeout(client.connect(), REDIS_CONNECT_TIMEOUT_MS);
    await withTimeout(client.ping(), REDIS_CONNECT_TIMEOUT_MS);
    return client;
  } catch (error) {
    client.disconnect();
    throw new StartupError(`Redis unreachable at ${redactUrl(url)}: ${(error as Error).message}`);
  }
}
