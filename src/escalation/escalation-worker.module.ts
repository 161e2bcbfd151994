import { Module } from '@nestjs/common';
import { AutomationWorkerModule } from '../automations/automation-worker.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SlaModule } from '../sla/sla.module';
import { TicketRepositoryModule } from '../tickets/ticket-repository.module';
import { UserDirectoryModule } from '../users/user-directory.module';
import { EscalationModule } from './escalation.module';
import { EscalationProcessor } from './escalation.processor';
import { EscalationScheduler } from './escalation-scheduler';
import { EscalationService } from './escalation.service';
import { SlaSweeper } from './sla-sweeper';
import { SlaWarningService } from './sla-warning.service';

/**
 * The escalation queue's consumer and its job scheduler: part of WorkersModule, so it runs wherever
 * the workers run (`node dist/worker.js`, or the API unless WORKER_IN_PROCESS=false).
 */
@Module({
  imports: [
    AutomationWorkerModule,
    EscalationModule,
    OutboxModule,
    SlaModule,
    TicketRepositoryModule,
    UserDirectoryModule,
  ],
  providers: [EscalationProcessor, EscalationScheduler, EscalationService, SlaSweeper, SlaWarningService],
  exports: [EscalationService],
})
export class EscalationWorkerModule {}
