import { DynamicModule, Module } from '@nestjs/common';
import { QueueBoardModule } from './admin/queue-board.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditLogApiModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AutomationsModule } from './automations/automations.module';
import { CategoriesModule } from './categories/categories.module';
import { CommentsModule } from './comments/comments.module';
import { CommonModule } from './common/common.module';
import { Env } from './config';
import { CoreModule } from './core.module';
import { EmailModule } from './email/email.module';
import { EscalationModule } from './escalation/escalation.module';
import { FiltersModule } from './filters/filters.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { MetaModule } from './meta/meta.module';
import { OpsModule } from './ops/ops.module';
import { NotificationsGatewayModule } from './notifications/notifications-gateway.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { ReportsModule } from './reports/reports.module';
import { SlaModule } from './sla/sla.module';
import { TagsModule } from './tags/tags.module';
import { TemplatesModule } from './templates/templates.module';
import { TicketsModule } from './tickets/tickets.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WorkersModule } from './workers.module';

export interface AppModuleOptions {
  /** Run the queue processors in this process too (`WORKER_IN_PROCESS`). */
  workers: boolean;
  /** The variables every config namespace is read from: the process environment in main.ts, a record in tests. */
  env: Env;
}

/** The HTTP API. `AppModule.register()` is what main.ts and the e2e tests boot. */
@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options.env),
        CommonModule,
        RateLimitModule,
        HealthModule,
        OpsModule,
        MetaModule,
        AuthModule,
        UsersModule,
        SlaModule,
        TicketsModule,
        CommentsModule,
        AttachmentsModule,
        CategoriesModule,
        TagsModule,
        ReportsModule,
        TemplatesModule,
        FiltersModule,
        WebhooksModule,
        AutomationsModule,
        AuditLogApiModule,
        EmailModule,
        IdempotencyModule,
        NotificationsGatewayModule,
        EscalationModule,
        QueueBoardModule,
        ...(options.workers ? [WorkersModule] : []),
      ],
    };
  }
}
