import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { authConfig } from '../config';
import { RateLimiter } from './rate-limiter';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * Limits from configuration, counters in Redis. The API applies `RateLimiter` in an onRequest hook
 * (app.factory.ts); the realtime gateway asks it for each handshake.
 */
@Module({
  imports: [
    // Verification only (whose budget a token spends), with the same secret and pinned algorithm as AuthModule.
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      useFactory: (config: ConfigType<typeof authConfig>) => ({
        secret: config.jwtKey,
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [RedisThrottlerStorage, RateLimiter],
  exports: [RateLimiter],
})
export class RateLimitModule {}
