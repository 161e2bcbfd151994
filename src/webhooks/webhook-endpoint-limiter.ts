// At most WEBHOOK_PER_ENDPOINT_CONCURRENCY deliveries to one hook at once, over every worker
// process: a receiver that hangs holds that many slots, never the whole worker.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Redis } from 'ioredis';
import { redisConfig, webhookConfig } from '../config';
import { REDIS } from '../redis/redis.constants';

/**
 * A sorted set of holders per hook, scored by when each lease expires. Expired leases are dropped
 * first, so a worker that died holding a slot frees it when its lease ends instead of never (a
 * plain counter would leak it).
 */
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/** A lease outlives the longest delivery (the timeout) by this much: recording it, a slow Postgres. */
const LEASE_MARGIN_MS = 15_000;

@Injectable()
export class WebhookEndpointLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(redisConfig.KEY) private readonly redisSettings: ConfigType<typeof redisConfig>,
    @Inject(webhookConfig.KEY) private readonly config: ConfigType<typeof webhookConfig>,
  ) {}

  /** A slot for a delivery to hook `webhookId`, or null when the hook's slots are all taken. */
  async acquire(webhookId: number): Promise<{ release(): Promise<void> } | null> {
    const key = `${this.redisSettings.keyPrefix}:webhook-slots:${webhookId}`;
    const token = randomUUID();
    const now = Date.now();
    const leaseMs = this.config.timeoutMs + LEASE_MARGIN_MS;
    const acquired = await this.redis.eval(
      ACQUIRE,
      1,
      key,
      String(now),
      String(now + leaseMs),
      String(this.config.perEndpointConcurrency),
      token,
      String(leaseMs),
    );
    if (acquired !== 1) return null;
    return {
      release: async () => {
        await this.redis.zrem(key, token);
      },
    };
  }
}
