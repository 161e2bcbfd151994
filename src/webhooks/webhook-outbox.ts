// The outbox write: every ticket event a webhook subscribes to becomes a webhook_messages row in the
// transaction of the change (a TicketEventSink), so a rollback sends nothing and a crash after
// commit loses nothing. The relay turns the rows into deliveries after commit.
import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { RecordedEventOf, RecordedTicketEvent, TicketEventSink, TicketEventSinks } from '../tickets/ticket-event-sink';
import { WEBHOOK_EVENT_OF } from './webhook-events';
import { WebhookQueue } from './webhook-queue';

/** A message id (the `webhook-id` header): `msg_` and 32 random hex digits. */
export function newMessageId(): string {
  return `msg_${randomUUID().replace(/-/g, '')}`;
}

@Injectable()
export class WebhookOutbox implements TicketEventSink, OnModuleInit {
  private readonly logger = new Logger(WebhookOutbox.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly queue: WebhookQueue,
    private readonly sinks: TicketEventSinks,
  ) {}

  onModuleInit(): void {
    this.sinks.register(this);
  }

  recorded(ticketId: number, actorId: number | null, events: RecordedTicketEvent[]): Promise<void> {
    return this.recordedMany(events.map((event) => ({ ...event, ticketId, actorId })));
  }

  /**
   * One statement, whatever the number of events: it writes only the events some active hook
   * subscribes to (internal ones only if such a hook takes internal events), so a desk without
   * hooks pays one index-free scan of a tiny table per change and nothing else.
   */
  async recordedMany(events: RecordedEventOf[]): Promise<void> {
    const mapped = events.flatMap((event) => {
      const type = WEBHOOK_EVENT_OF[event.type];
      return type ? [{ ...event, type }] : [];
    });
    if (!mapped.length) return;
    const written: unknown[] = await this.tx.manager.query(
      `INSERT INTO webhook_messages (message_id, event_type, ticket_id, actor_id, is_internal, data)
       SELECT e.message_id, e.type, e.ticket_id, e.actor_id, e.is_internal, e.data
         FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::boolean[], $6::jsonb[])
              AS e(message_id, type, ticket_id, actor_id, is_internal, data)
        WHERE EXISTS (SELECT 1 FROM webhooks w
                       WHERE w.active AND w.events && ARRAY[e.type, '*']
                         AND (w.include_internal OR NOT e.is_internal))
       RETURNING id`,
      [
        mapped.map(() => newMessageId()),
        mapped.map((event) => event.type),
        mapped.map((event) => event.ticketId),
        mapped.map((event) => event.actorId),
        mapped.map((event) => event.isInternal),
        mapped.map((event) => JSON.stringify(event.data)),
      ],
    );
    if (!written.length) return;
    // After commit, never before: a relay must not look for rows a rollback may still take away.
    // A lost nudge is harmless (the sweep relays within WEBHOOK_SWEEP_INTERVAL_SECONDS).
    this.tx.afterCommit(() =>
      this.queue.nudgeRelay().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'Could not nudge the webhook relay; the next sweep relays the messages');
      }),
    );
  }
}
