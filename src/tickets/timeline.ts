// Writes timeline events with the caller's EntityManager, i.e. inside the transaction of the
// change they record: a change that rolls back leaves no event, and no event exists without it.
import { EntityManager } from 'typeorm';
import { PREPARED } from '../database/prepared-statements';
import { TicketEvent, TicketEventType } from './ticket-event.entity';

export interface NewEvent {
  type: TicketEventType;
  data?: Record<string, unknown>;
  isInternal?: boolean;
}

export async function recordEvents(
  manager: EntityManager,
  ticketId: number,
  actorId: number | null,
  events: NewEvent[],
): Promise<void> {
  if (!events.length) return;
  const rows: Array<Partial<TicketEvent>> = events.map((event) => ({
    ticketId,
    actorId,
    type: event.type,
    data: event.data ?? {},
    isInternal: event.isInternal ?? false,
  }));
  // TypeORM's deep-partial type cannot express a jsonb column of unknown shape.
  await manager
    .createQueryBuilder()
    .insert()
    .into(TicketEvent)
    .values(rows as object[])
    .comment(PREPARED)
    .execute();
}
