// POST /tickets/claim: hands the oldest unassigned open/escalated tickets to the caller. Many agents
// may press "next tickets" at once: FOR UPDATE SKIP LOCKED gives each row to exactly one of them,
// and nobody waits on the others' rows.
import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../../database/transaction-context';
import { markPrepared, PREPARED } from '../../database/prepared-statements';
import { AuthUser } from '../../common/auth-user';
import { RealtimePublisher } from '../../realtime/realtime-publisher';
import { ticketAssignedEvent } from '../ticket-notifications';
import { Ticket } from '../ticket.entity';
import { TicketJson } from '../read/ticket.presenter';
import { TicketReader } from '../read/ticket-reader';
import { TICKET_ALIAS as T } from '../read/ticket-visibility';

@Injectable()
export class TicketClaimService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly reader: TicketReader,
    private readonly notifications: RealtimePublisher,
  ) {}

  async claim(caller: AuthUser, limit: number): Promise<TicketJson[]> {
    return this.tx.run(async (manager) => {
      // One statement picks, locks, assigns and records the events; the partial index
      // tickets_claimable_idx serves the scan.
      const picked: Array<{ id: number }> = await manager.query(
        markPrepared(`WITH picked AS (
           SELECT id FROM tickets
            WHERE assignee_id IS NULL AND status IN ('open', 'escalated') AND deleted_at IS NULL
            ORDER BY created_at, id
            LIMIT $2
            FOR UPDATE SKIP LOCKED
         ), assigned AS (
           UPDATE tickets t SET assignee_id = $1, version = t.version + 1, updated_at = now()
             FROM picked WHERE t.id = picked.id
           RETURNING t.id
         ), recorded AS (
           INSERT INTO ticket_events (ticket_id, type, actor_id, data)
           SELECT id, 'assignee.changed', $1, jsonb_build_object('from', NULL, 'to', $1::int, 'claimed', true)
             FROM assigned
         )
         SELECT id FROM assigned`),
        [caller.id, limit],
      );
      if (!picked.length) return [];
      const ids = picked.map((row) => row.id);
      // The claimed tickets with their relations, oldest first: one query.
      const claimed = await this.reader.loadPresented(
        manager
          .getRepository(Ticket)
          .createQueryBuilder(T)
          .whereInIds(ids)
          .orderBy(`${T}.createdAt`, 'ASC')
          .addOrderBy(`${T}.id`, 'ASC')
          .comment(PREPARED),
        caller,
      );
      for (const { ticket } of claimed) {
        this.tx.afterCommit(() => this.notifications.publish(ticketAssignedEvent(ticket, null, { claimed: true })));
      }
      return claimed.map(({ json }) => json);
    });
  }
}
