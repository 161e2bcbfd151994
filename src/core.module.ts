import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { AuditModule } from './audit/audit.module';
import { ScheduleModule } from '@nestjs/schedule';
import { configModuleFrom, Env, redisConfig } from './config';
import { DatabaseModule } from './database/database.module';
import { entities } from './entities';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { EmailOutboundModule } from './email/email-outbound.module';
import { RealtimeModule } from './realtime/realtime.module';
import { bullConnectionFromUrl, bullPrefix } from './redis/bullmq-connection';
import { RedisModule } from './redis/redis.module';
import { activeTracing } from './tracing/tracing-state';
import { TicketEventSinksModule } from './tickets/ticket-event-sink';
import { WebhookOutboxModule } from './webhooks/webhook-outbox.module';

/**
 * What both processes need: configuration, logging, Postgres, Redis, BullMQ's connection,
 * notifications, the webhook outbox.
 */
@Module({})
export class CoreModule {
  /** Configured from `env`: the process environment in the entry points, a record of their own in tests. */
  static forRoot(env: Env): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        configModuleFrom(env),
        LoggingModule,
        DatabaseModule.forRoot(entities),
        RedisModule,
        // The audit log: both processes record (a worker's session purge, housekeeping's retention).
        AuditModule,
        // The process's Prometheus registry (recorded in both processes; exposed by src/ops/).
        MetricsModule,
        // Publishing realtime notifications (both processes publish; only the API holds sockets).
        RealtimeModule,
        // Ticket events become webhook messages in their transaction, in whichever process records them.
        TicketEventSinksModule,
        WebhookOutboxModule,
        // Public staff replies and resolutions become emails to the requester, the same way.
        EmailOutboundModule,
        // Process-local housekeeping timers (purges); cross-process schedules use BullMQ job schedulers.
        ScheduleModule.forRoot(),
        BullModule.forRootAsync({
          inject: [redisConfig.KEY],
          useFactory: (config: ConfigType<typeof redisConfig>) => ({
            connection: bullConnectionFromUrl(config.url),
            prefix: bullPrefix(config.keyPrefix),
            // Job spans (added, processed), linked to the request that added the job; off without tracing.
            telemetry: activeTracing()?.bullTelemetry,
          }),
        }),
      ],
    };
  }
}
