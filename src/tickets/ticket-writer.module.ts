import { Module } from '@nestjs/common';
import { CategoryAssignerModule } from '../categories/category-assigner.module';
import { SlaModule } from '../sla/sla.module';
import { UserDirectoryModule } from '../users/user-directory.module';
import { TicketRepositoryModule } from './ticket-repository.module';
import { TicketUpdateService } from './write/ticket-update.service';
import { TicketsService } from './write/tickets.service';

/**
 * Opening and changing tickets, without the API's routes (and without what only the list needs):
 * TicketsModule builds the routes on it, and the email channel, which runs in the worker too,
 * opens and reopens tickets through the same services.
 */
@Module({
  imports: [TicketRepositoryModule, SlaModule, UserDirectoryModule, CategoryAssignerModule],
  providers: [TicketsService, TicketUpdateService],
  exports: [TicketsService, TicketUpdateService],
})
export class TicketWriterModule {}
