import { Module } from '@nestjs/common';
import { EscalationWorkerModule } from './escalation/escalation-worker.module';
import { EmailWorkerModule } from './email/email-worker.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { MailWorkerModule } from './outbox/mail-worker.module';
import { WebhookWorkerModule } from './webhooks/webhook-worker.module';

/**
 * Every queue processor, the sweep's job scheduler, the SMTP listener and the housekeeping timers. Imported by the
 * worker process, and by the API process unless `WORKER_IN_PROCESS=false`.
 */
@Module({
  imports: [MailWorkerModule, EscalationWorkerModule, WebhookWorkerModule, EmailWorkerModule, HousekeepingModule],
})
export class WorkersModule {}
