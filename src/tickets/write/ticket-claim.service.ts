// POST /tickets/claim: hands the oldest unassigned open/escalated tickets to the caller. Many agents
// may press "next tickets" at once: FOR UPDATE SKIP LOCKED gives each row to exactly one of them,
// and nobody waits on the others' rows.
import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../../database/transaction-context';
import { AuthUser } from '../../common/auth-user';
import { RealtimePublisher } from '../../realtime/realtime-publisher';
import { ticketAssignedEvent } from '../ticket-notifications';
import { TicketRepository } from '../ticket.repository';
import { TicketJson } from '../read/ticket.presenter';
import { TicketReader } from '../read/ticket-reader';

@Injectable()
export class TicketClaimService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly tickets: TicketRepository,
    private readonly reader: TicketReader,
    private readonly notifications: RealtimePublisher,
  ) {}

  async claim(caller: AuthUser, limit: number): Promise<TicketJson[]> {
    return this.tx.run(async () => {
      const ids = await this.tickets.claim(caller.id, limit);
      if (!ids.length) return [];
      // The claimed tickets with their relations, oldest first: one query.
      const claimed = await this.reader.loadPresented(this.tickets.selectByIds(ids), caller);
      for (const { ticket } of claimed) {
        this.tx.afterCommit(() => this.notifications.publish(ticketAssignedEvent(ticket, null, { claimed: true })));
      }
      return claimed.map(({ json }) => json);
    });
  }
}
