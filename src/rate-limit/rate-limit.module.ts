import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { throttleConfig } from '../config';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { THROTTLERS } from './api-throttler.guard';

const MINUTE_MS = 60_000;

@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
export class RateLimitStorageModule {}

/** Limits from configuration, counters in Redis. The guard itself is registered by AuthModule (order). */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [throttleConfig.KEY, RedisThrottlerStorage],
      useFactory: (config: ConfigType<typeof throttleConfig>, storage: RedisThrottlerStorage) => ({
        storage,
        setHeaders: false,
        throttlers: [
          { name: THROTTLERS.DEFAULT, limit: config.perMinute, ttl: MINUTE_MS },
          { name: THROTTLERS.LOGIN_IP, limit: config.loginPerMinute, ttl: MINUTE_MS },
          { name: THROTTLERS.LOGIN_EMAIL, limit: config.loginPerMinute, ttl: MINUTE_MS },
        ],
      }),
    }),
  ],
})
export class RateLimitModule {}
