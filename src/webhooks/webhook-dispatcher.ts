// What the admin API asks of delivery: a ping to one hook, and another attempt of a delivery.
import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../database/transaction-context';
import { PING_EVENT } from './webhook-events';
import { newMessageId } from './webhook-outbox';
import { DueDelivery, WebhookQueue } from './webhook-queue';

interface DeliveryRow {
  id: string;
  attempts: number;
  next_attempt_at: Date;
}

@Injectable()
export class WebhookDispatcher {
  constructor(
    private readonly tx: TransactionContext,
    private readonly queue: WebhookQueue,
  ) {}

  /** Queues a `webhook.ping` message to hook `webhookId` alone; its message id (the `webhook-id`). */
  async ping(webhookId: number): Promise<{ messageId: string }> {
    const messageId = newMessageId();
    // Written relayed, with its payload: the relay is for ticket events, whose hooks it looks up.
    const [delivery] = await this.tx.run(
      (manager) =>
        manager.query(
          `WITH message AS (
             INSERT INTO webhook_messages (message_id, event_type, payload, relayed_at)
             VALUES ($1, $2::text, jsonb_build_object('type', $2::text,
                       'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                       'data', jsonb_build_object('webhook_id', $3::int)), now())
             RETURNING id)
           INSERT INTO webhook_deliveries (webhook_id, message_id)
           SELECT $3, id FROM message
           RETURNING id, attempts, next_attempt_at`,
          [messageId, PING_EVENT, webhookId],
        ) as Promise<DeliveryRow[]>,
    );
    this.queueAfterCommit([delivery]);
    return { messageId };
  }

  /**
   * Queues delivery `deliveryId` of hook `webhookId` again (same `webhook-id`), whatever its status;
   * false when the hook has no such delivery.
   */
  async redeliver(webhookId: number, deliveryId: string): Promise<boolean> {
    if (!/^\d{1,18}$/.test(deliveryId)) return false;
    const rows = await this.tx.run(
      (manager) =>
        manager.query(
          // attempts is kept: it counts what the receiver saw, and it keeps this attempt's job id new.
          `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now(), delivered_at = NULL
            WHERE id = $1 AND webhook_id = $2
           RETURNING id, attempts, next_attempt_at`,
          [deliveryId, webhookId],
        ) as Promise<[DeliveryRow[], number]>,
    );
    const updated = rows[0];
    if (!updated.length) return false;
    this.queueAfterCommit(updated);
    return true;
  }

  /** A job lost here is queued by the sweep (WEBHOOK_REQUEUE_AFTER_SECONDS later). */
  private queueAfterCommit(rows: DeliveryRow[]): void {
    const due: DueDelivery[] = rows.map((row) => ({
      id: String(row.id),
      attempts: row.attempts,
      nextAttemptAt: new Date(row.next_attempt_at),
    }));
    this.tx.afterCommit(() => this.queue.deliverNow(due));
  }
}
