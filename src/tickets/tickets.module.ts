import { Module } from '@nestjs/common';
import { FiltersModule } from '../filters/filters.module';
import { TicketBulkService } from './ticket-bulk.service';
import { TicketClaimService } from './ticket-claim.service';
import { TicketListService } from './ticket-list.service';
import { TicketReader } from './ticket-reader';
import { TicketUpdateService } from './ticket-update.service';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';

@Module({
  imports: [FiltersModule],
  controllers: [TicketsController],
  providers: [
    TicketsService,
    TicketListService,
    TicketUpdateService,
    TicketClaimService,
    TicketBulkService,
    TicketReader,
  ],
  exports: [TicketsService, TicketReader],
})
export class TicketsModule {}
