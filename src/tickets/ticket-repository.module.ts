import { Module } from '@nestjs/common';
import { TagsModule } from '../tags/tags.module';
import { TicketReader } from './read/ticket-reader';
import { TicketRepository } from './ticket.repository';

/**
 * The owner of `tickets`, `ticket_tags` and `ticket_events`: what changes them goes through
 * `TicketRepository` (exported for comments and escalation), what presents them through
 * `TicketReader`. The worker imports this module alone; the API's routes are
 * TicketsModule.
 */
@Module({
  imports: [TagsModule],
  providers: [TicketRepository, TicketReader],
  exports: [TicketRepository, TicketReader],
})
export class TicketRepositoryModule {}
