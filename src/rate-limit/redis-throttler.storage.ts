// Rate-limit counters in Redis, shared by every API instance: one atomic Lua script per hit
// (INCR, set the window's expiry on the first hit, read what is left of it). If Redis is away,
// the limiter fails open: the API keeps serving, and the failure is logged (at most every 10 s).
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { Redis } from 'ioredis';
import { WarningThrottle } from '../common/logging/warning-throttle';
import { REDIS } from '../redis/redis.constants';

const HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }`;

const WARN_EVERY_MS = 10_000;

@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redisWarnings = new WarningThrottle(WARN_EVERY_MS);

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** `ttl` is the window in milliseconds; the record's times are in seconds. */
  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    try {
      const [hits, pttl] = (await this.redis.eval(HIT, 1, key, String(ttl))) as [number, number];
      const timeToExpire = Math.max(1, Math.ceil(pttl / 1000));
      const isBlocked = hits > limit;
      return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
    } catch (error) {
      const failures = this.redisWarnings.occurred();
      if (failures !== undefined) {
        this.logger.warn(
          `Rate limiting is off (failing open): Redis error ${(error as Error).message} (${failures} since the last warning)`,
        );
      }
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
