// The port through which every recorded ticket event also reaches webhooks, in the same
// transaction (TicketRepository.recordEvents is the one place events are written). Webhooks sit
// above tickets, so tickets declares what it hands out and `webhooks/` provides it.
import type { TicketEventType } from './ticket-event.entity';

export const TICKET_EVENT_SINK = Symbol('TICKET_EVENT_SINK');

export interface RecordedTicketEvent {
  type: TicketEventType;
  data: Record<string, unknown>;
  isInternal: boolean;
}

/** An event of some ticket, for changes that touch many tickets in one statement (claim). */
export interface RecordedEventOf extends RecordedTicketEvent {
  ticketId: number;
  actorId: number | null;
}

export interface TicketEventSink {
  /** Runs inside the transaction that recorded the events: what it writes commits or rolls back with them. */
  recorded(ticketId: number, actorId: number | null, events: RecordedTicketEvent[]): Promise<void>;
  /** The same for events of several tickets, in one call. */
  recordedMany(events: RecordedEventOf[]): Promise<void>;
}
