import { Module } from '@nestjs/common';
import { CommentWriterModule } from '../comments/comment-writer.module';
import { TicketRepositoryModule } from '../tickets/ticket-repository.module';
import { TicketWriterModule } from '../tickets/ticket-writer.module';
import { AutomationRepository } from './automation.repository';
import { AutomationRunner } from './automation-runner';

/** The worker's side of automations: the runner the SLA sweep calls. */
@Module({
  imports: [TicketRepositoryModule, TicketWriterModule, CommentWriterModule],
  providers: [AutomationRunner, AutomationRepository],
  exports: [AutomationRunner],
})
export class AutomationWorkerModule {}
