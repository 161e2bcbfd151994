import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ScheduleModule } from '@nestjs/schedule';
import { configModuleFrom, Env, redisConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './logging/logging.module';
import { NotificationsModule } from './notifications/notifications.module';
import { bullConnectionFromUrl, bullPrefix } from './redis/bullmq-connection';
import { RedisModule } from './redis/redis.module';

/** What both processes need: configuration, logging, Postgres, Redis, BullMQ's connection, notifications. */
@Module({})
export class CoreModule {
  /** Configured from `env`: process.env in the entry points, a record of their own in tests. */
  static forRoot(env: Env): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        configModuleFrom(env),
        LoggingModule,
        DatabaseModule,
        RedisModule,
        // Publishing realtime notifications (both processes publish; only the API holds sockets).
        NotificationsModule,
        // Process-local housekeeping timers (purges); cross-process schedules use BullMQ job schedulers.
        ScheduleModule.forRoot(),
        BullModule.forRootAsync({
          inject: [redisConfig.KEY],
          useFactory: (config: ConfigType<typeof redisConfig>) => ({
            connection: bullConnectionFromUrl(config.url),
            prefix: bullPrefix(config.keyPrefix),
          }),
        }),
      ],
    };
  }
}
