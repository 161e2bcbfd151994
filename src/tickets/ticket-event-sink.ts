// The port through which every recorded ticket event also reaches webhooks and the email channel,
// in the same transaction (TicketRepository.recordEvents is the one place events are written).
// Both sit above tickets, so tickets declares what it hands out and they register as sinks.
import { Global, Injectable, Module } from '@nestjs/common';
import type { TicketEventType } from './ticket-event.entity';

export interface RecordedTicketEvent {
  type: TicketEventType;
  data: Record<string, unknown>;
  isInternal: boolean;
  /** What the writer already holds about the event's subject, so a sink need not read it again. */
  subject?: EventSubject;
}

/**
 * The ticket and comment as the recording transaction wrote them (never stored): a comment's
 * writer hands them on with `comment.created`, and the email channel mails the reply from them
 * instead of reading both back.
 */
export interface EventSubject {
  ticket?: { id: number; title: string; requesterId: number };
  comment?: {
    id: number;
    authorId: number;
    body: string;
    isInternal: boolean;
    files: Array<{ filename: string; size: number }>;
  };
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

/**
 * Every registered sink, called one after the other in the recording transaction. One instance
 * per application (TicketEventSinksModule is global), so every TicketRepository hands events to
 * the same sinks; a sink registers itself in its `onModuleInit`.
 */
@Injectable()
export class TicketEventSinks implements TicketEventSink {
  private readonly sinks: TicketEventSink[] = [];

  register(sink: TicketEventSink): void {
    if (!this.sinks.includes(sink)) this.sinks.push(sink);
  }

  async recorded(ticketId: number, actorId: number | null, events: RecordedTicketEvent[]): Promise<void> {
    for (const sink of this.sinks) await sink.recorded(ticketId, actorId, events);
  }

  async recordedMany(events: RecordedEventOf[]): Promise<void> {
    for (const sink of this.sinks) await sink.recordedMany(events);
  }
}

@Global()
@Module({ providers: [TicketEventSinks], exports: [TicketEventSinks] })
export class TicketEventSinksModule {}
