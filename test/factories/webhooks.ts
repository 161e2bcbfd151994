// Webhook delivery log rows for tests of the admin API: a message and its delivery to one hook, in
// whatever state the test needs, without running the delivery pipeline.
import { randomBytes } from 'node:crypto';
import { TestApp } from '../support/test-app';

export interface DeliveryFixture {
  id: number;
  messageId: string;
}

export async function makeWebhookDelivery(
  t: TestApp,
  webhookId: number,
  overrides: Partial<{
    eventType: string;
    status: 'pending' | 'delivered' | 'failed';
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
    deliveredAt: Date | null;
  }> = {},
): Promise<DeliveryFixture> {
  const messageId = `msg_${randomBytes(12).toString('hex')}`;
  const [message] = await t.dataSource.query(
    // Already relayed, so no relay running beside the test fans it out to other hooks.
    `INSERT INTO webhook_messages (message_id, event_type, payload, relayed_at)
     VALUES ($1, $2, '{}', now()) RETURNING id`,
    [messageId, overrides.eventType ?? 'ticket.created'],
  );
  const status = overrides.status ?? 'pending';
  const [delivery] = await t.dataSource.query(
    `INSERT INTO webhook_deliveries (webhook_id, message_id, status, attempts, last_status_code, last_error, delivered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      webhookId,
      message.id,
      status,
      overrides.attempts ?? (status === 'pending' ? 0 : 1),
      overrides.lastStatusCode ?? null,
      overrides.lastError ?? null,
      overrides.deliveredAt ?? (status === 'delivered' ? new Date() : null),
    ],
  );
  return { id: Number(delivery.id), messageId };
}

/** A hook as delivery leaves it after giving up on it (a 410, or 3 days of failures). */
export async function markWebhookDeactivatedByDelivery(t: TestApp, webhookId: number, reason: string): Promise<void> {
  await t.dataSource.query(
    `UPDATE webhooks SET active = false, deactivated_reason = $2, failing_since = now() - interval '3 days'
     WHERE id = $1`,
    [webhookId, reason],
  );
}
