// POST /tickets/claim: hands the oldest unassigned open/escalated tickets to the caller. Many agents
// may press "next tickets" at once: FOR UPDATE SKIP LOCKED gives each row to exactly one of them,
// and nobody waits on the others' rows.
import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { In } from 'typeorm';
import { AuthUser } from '../common/auth-user';
import { rawRows } from '../database/raw-rows';
import { NotificationsService } from '../notifications/notifications.service';
import { ticketAssignedEvent } from '../notifications/ticket-notifications';
import { Ticket } from './ticket.entity';
import { TicketJson } from './ticket.presenter';
import { TicketReader } from './ticket-reader';

@Injectable()
export class TicketClaimService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly reader: TicketReader,
    private readonly notifications: NotificationsService,
  ) {}

  async claim(caller: AuthUser, limit: number): Promise<TicketJson[]> {
    const tickets = await this.tx.run(async (manager) => {
      // One statement picks, locks and assigns; the partial index tickets_claimable_idx serves the scan.
      const claimed: Array<{ id: number }> = rawRows(
        await manager.query(
          `WITH picked AS (
             SELECT id FROM tickets
              WHERE assignee_id IS NULL AND status IN ('open', 'escalated') AND deleted_at IS NULL
              ORDER BY created_at, id
              LIMIT $2
              FOR UPDATE SKIP LOCKED
           )
           UPDATE tickets t SET assignee_id = $1, version = t.version + 1, updated_at = now()
             FROM picked WHERE t.id = picked.id
           RETURNING t.id`,
          [caller.id, limit],
        ),
      );
      if (!claimed.length) return [];
      const ids = claimed.map((row) => row.id);
      await manager.query(
        `INSERT INTO ticket_events (ticket_id, type, actor_id, data)
         SELECT id, 'assignee.changed', $1, jsonb_build_object('from', NULL, 'to', $1::int, 'claimed', true)
           FROM unnest($2::int[]) AS id`,
        [caller.id, ids],
      );
      const claimedTickets = await manager.find(Ticket, {
        where: { id: In(ids) },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      for (const ticket of claimedTickets) {
        this.tx.afterCommit(() => this.notifications.publish(ticketAssignedEvent(ticket, null, { claimed: true })));
      }
      return claimedTickets;
    });
    return this.reader.present(tickets, caller);
  }
}
