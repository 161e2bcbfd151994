import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module';
import { UserDirectoryModule } from '../users/user-directory.module';
import { TicketDetailService } from './read/ticket-detail.service';
import { TicketListService } from './read/ticket-list.service';
import { TicketRepositoryModule } from './ticket-repository.module';
import { TicketsController } from './tickets.controller';
import { TicketBulkService } from './write/ticket-bulk.service';
import { TicketClaimService } from './write/ticket-claim.service';
import { TicketUpdateService } from './write/ticket-update.service';
import { TicketsService } from './write/tickets.service';

/** The API's ticket routes. */
@Module({
  imports: [TicketRepositoryModule, SlaModule, UserDirectoryModule],
  controllers: [TicketsController],
  providers: [
    TicketsService,
    TicketDetailService,
    TicketListService,
    TicketUpdateService,
    TicketClaimService,
    TicketBulkService,
  ],
  // The email channel opens and reopens tickets through the same services as the API.
  exports: [TicketsService, TicketUpdateService],
})
export class TicketsModule {}
