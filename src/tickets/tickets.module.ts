import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module';
import { UserDirectoryModule } from '../users/user-directory.module';
import { TicketDetailService } from './read/ticket-detail.service';
import { TicketListService } from './read/ticket-list.service';
import { TicketRepositoryModule } from './ticket-repository.module';
import { TicketWriterModule } from './ticket-writer.module';
import { TicketsController } from './tickets.controller';
import { TicketBulkService } from './write/ticket-bulk.service';
import { TicketClaimService } from './write/ticket-claim.service';

/** The API's ticket routes. */
@Module({
  imports: [TicketRepositoryModule, TicketWriterModule, SlaModule, UserDirectoryModule],
  controllers: [TicketsController],
  providers: [TicketDetailService, TicketListService, TicketClaimService, TicketBulkService],
})
export class TicketsModule {}
