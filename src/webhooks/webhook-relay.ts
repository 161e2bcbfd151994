// The relay: turns committed webhook_messages into one webhook_deliveries row per subscribed hook
// and queues them; and the sweep that does it periodically and re-queues what a lost queue forgot.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { webhookConfig } from '../config';
import { TransactionContext } from '../database/transaction-context';
import { MessageRow, WebhookPayloads } from './webhook-payloads';
import { DueDelivery, WebhookQueue } from './webhook-queue';

/** Messages relayed per transaction. */
const RELAY_BATCH = 100;
/** Overdue deliveries queued again per sweep (one Redis round trip). */
const REQUEUE_BATCH = 500;

interface DeliveryRow {
  id: string;
  attempts: number;
  next_attempt_at: Date;
}

const toDue = (row: DeliveryRow): DueDelivery => ({
  id: String(row.id),
  attempts: row.attempts,
  nextAttemptAt: new Date(row.next_attempt_at),
});

/**
 * A relay locks a batch of unrelayed messages (`FOR UPDATE SKIP LOCKED`: concurrent relays share
 * the work), builds each payload once (every attempt then signs the same bytes), creates the
 * deliveries and marks the messages relayed, in one transaction; after commit it queues one job
 * per delivery. A crash before commit relays the batch again; a crash after it, before queueing,
 * leaves pending deliveries that the sweep queues (`requeueOverdue`).
 */
@Injectable()
export class WebhookRelay {
  private readonly logger = new Logger(WebhookRelay.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly payloads: WebhookPayloads,
    private readonly queue: WebhookQueue,
    @Inject(webhookConfig.KEY) private readonly config: ConfigType<typeof webhookConfig>,
  ) {}

  /** Relays every unrelayed message; resolves with how many deliveries were queued. */
  async relay(): Promise<number> {
    let queued = 0;
    for (;;) {
      const { messages, deliveries } = await this.relayBatch();
      await this.queue.deliver(deliveries);
      queued += deliveries.length;
      if (messages < RELAY_BATCH) return queued;
    }
  }

  /** The sweep: relay, then queue again the pending deliveries overdue for a while. */
  async sweep(): Promise<{ relayed: number; requeued: number }> {
    const relayed = await this.relay();
    const requeued = await this.requeueOverdue();
    return { relayed, requeued };
  }

  private relayBatch(): Promise<{ messages: number; deliveries: DueDelivery[] }> {
    return this.tx.begin(async (manager) => {
      const rows: MessageRow[] = await manager.query(
        `SELECT id, event_type, ticket_id, actor_id, data, occurred_at FROM webhook_messages
          WHERE relayed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [RELAY_BATCH],
      );
      if (!rows.length) return { messages: 0, deliveries: [] };
      const payloads = await this.payloads.build(rows);
      const ids = rows.map((row) => row.id);
      await manager.query(
        `UPDATE webhook_messages m SET payload = v.payload, relayed_at = now()
           FROM unnest($1::bigint[], $2::jsonb[]) AS v(id, payload) WHERE m.id = v.id`,
        [ids, ids.map((id) => JSON.stringify(payloads.get(id)))],
      );
      // Hooks as they are now: one created between the change and the relay gets the event too.
      const deliveries: DeliveryRow[] = await manager.query(
        `INSERT INTO webhook_deliveries (webhook_id, message_id)
         SELECT w.id, m.id FROM webhook_messages m
           JOIN webhooks w ON w.active AND w.events && ARRAY[m.event_type::text, '*']
                          AND (w.include_internal OR NOT m.is_internal)
          WHERE m.id = ANY($1::bigint[])
         ON CONFLICT (webhook_id, message_id) DO NOTHING
         RETURNING id, attempts, next_attempt_at`,
        [ids],
      );
      return { messages: rows.length, deliveries: deliveries.map(toDue) };
    });
  }

  /**
   * Pending deliveries of active hooks due WEBHOOK_REQUEUE_AFTER_SECONDS ago are queued again: their
   * job may be gone (Redis flushed or restarted empty, a relay that died before queueing). The job
   * id is deterministic, so one that still exists (waiting behind a backlog, delayed by the
   * per-endpoint limit) is not doubled.
   */
  private async requeueOverdue(): Promise<number> {
    const rows: DeliveryRow[] = await this.tx.manager.query(
      `SELECT d.id, d.attempts, d.next_attempt_at FROM webhook_deliveries d
         JOIN webhooks w ON w.id = d.webhook_id AND w.active
        WHERE d.status = 'pending' AND d.next_attempt_at < now() - make_interval(secs => $1)
        ORDER BY d.next_attempt_at LIMIT $2`,
      [this.config.requeueAfterSeconds, REQUEUE_BATCH],
    );
    await this.queue.deliver(rows.map(toDue));
    if (rows.length) this.logger.debug({ count: rows.length }, 'Webhook deliveries overdue: queued again');
    return rows.length;
  }
}
