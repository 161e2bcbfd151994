import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module';
import { TicketBulkService } from './write/ticket-bulk.service';
import { TicketClaimService } from './write/ticket-claim.service';
import { TicketListService } from './read/ticket-list.service';
import { TicketReader } from './read/ticket-reader';
import { TicketUpdateService } from './write/ticket-update.service';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './write/tickets.service';

@Module({
  imports: [SlaModule],
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
