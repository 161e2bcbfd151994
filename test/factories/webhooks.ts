// Webhooks for tests: hooks written straight to the table with a known secret (encrypted with the
// app's key), their deliveries as the pipeline leaves them, and delivery log rows in any state.
import { randomBytes } from 'node:crypto';
import { webhookConfig, WebhookConfig } from '../../src/config';
import { encryptSecret, generateSecret } from '../../src/webhooks/webhook-secrets';
import { TestApp } from '../support/test-app';

export interface TestWebhook {
  id: number;
  secret: string;
}

export async function makeWebhook(
  t: TestApp,
  overrides: { url: string; events?: string[]; includeInternal?: boolean; active?: boolean },
): Promise<TestWebhook> {
  const { secretKey } = t.app.get<WebhookConfig>(webhookConfig.KEY);
  const secret = generateSecret();
  const [row]: Array<{ id: number }> = await t.dataSource.query(
    `INSERT INTO webhooks (url, events, include_internal, active, secret_encrypted)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      overrides.url,
      overrides.events ?? ['*'],
      overrides.includeInternal ?? false,
      overrides.active ?? true,
      encryptSecret(secretKey, secret),
    ],
  );
  return { id: row.id, secret };
}

export interface DeliveryState {
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  event_type: string;
}

/** The deliveries of hook `id`, oldest first. */
export async function deliveriesOf(t: TestApp, id: number): Promise<DeliveryState[]> {
  return t.dataSource.query(
    `SELECT d.status, d.attempts, d.last_status_code, d.last_error, m.event_type
       FROM webhook_deliveries d JOIN webhook_messages m ON m.id = d.message_id
      WHERE d.webhook_id = $1 ORDER BY d.id`,
    [id],
  );
}

// whatever state the test needs, without running the delivery pipeline.

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
