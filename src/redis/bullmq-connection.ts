import type { ConnectionOptions } from 'bullmq';
import { REDIS_CONNECT_TIMEOUT_MS, reconnectDelay } from './redis-connection';

/** BullMQ's connection, built from the same REDIS_URL and reconnect policy as our own client. */
export function bullConnectionFromUrl(url: string): ConnectionOptions {
  return {
    url,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt: number) => reconnectDelay(attempt),
    // BullMQ's workers block on Redis and need unlimited retries per command.
    maxRetriesPerRequest: null,
  };
}

/** BullMQ's key prefix: every queue key of a deployment lives under `<REDIS_KEY_PREFIX>:bull:`. */
export function bullPrefix(redisKeyPrefix: string): string {
  return `${redisKeyPrefix}:bull`;
}
